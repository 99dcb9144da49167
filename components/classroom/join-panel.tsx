/** How students get in: the code, the link with this machine's LAN address, and a QR code drawn on the server. */
export function JoinPanel({ code, joinUrl, qrSvg }: { code: string; joinUrl: string; qrSvg: string }) {
  // Broken after the address, not inside it, when the card is narrow.
  const { origin, pathname: path } = new URL(joinUrl);
  return (
    <section aria-label="Join this room" className="flex flex-col items-center gap-4 rounded-2xl border border-slate-200 bg-white p-5 text-center shadow-sm">
      <div>
        <p className="text-sm font-semibold tracking-wide text-slate-600 uppercase">Room code</p>
        <p className="font-mono text-6xl font-black tracking-[0.2em] text-slate-900 presenter:text-7xl" data-testid="room-code">
          {code}
        </p>
      </div>
      {/* eslint-disable-next-line @next/next/no-img-element -- an inline SVG data URL: nothing for next/image to optimise */}
      <img
        src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(qrSvg)}`}
        alt={`QR code that opens ${joinUrl}`}
        className="aspect-square w-full max-w-64 presenter:max-w-80"
        data-testid="join-qr"
      />
      <p className="text-sm text-slate-700">
        Scan, or open{' '}
        <span className="font-mono font-semibold [overflow-wrap:anywhere] text-slate-900" data-testid="join-url">
          {origin}
          <wbr />
          {path}
        </span>
      </p>
    </section>
  );
}
