import type { SentimentValue } from '@/lib/contracts/sentiment';

const LABEL_STYLES: Record<SentimentValue['label'], string> = {
  positive: 'bg-emerald-100 text-emerald-800 ring-emerald-600/30',
  neutral: 'bg-slate-100 text-slate-800 ring-slate-500/30',
  negative: 'bg-rose-100 text-rose-800 ring-rose-600/30',
};

const CLASSES = [
  { name: 'positive', bar: 'bg-emerald-500' },
  { name: 'neutral', bar: 'bg-slate-400' },
  { name: 'negative', bar: 'bg-rose-500' },
] as const;

const percent = (share: number) => `${Math.round(share * 100)} %`;
const signed = (value: number) => `${value > 0 ? '+' : value < 0 ? '−' : ''}${Math.abs(value).toFixed(3)}`;

/** What the model said: the label, where the compound score sits on −1…+1, and each class's share. */
export function SentimentVerdict({ value }: { value: SentimentValue }) {
  const position = ((value.compound + 1) / 2) * 100;
  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-baseline gap-3">
        <span data-testid="sentiment-label" className={`rounded-md px-3 py-1 text-lg font-bold capitalize ring-1 ring-inset ${LABEL_STYLES[value.label]}`}>
          {value.label}
        </span>
        <span className="text-sm text-slate-600">
          compound score <strong data-testid="compound" className="font-mono tabular-nums text-slate-900">{signed(value.compound)}</strong> on a scale from −1 to +1
        </span>
      </div>

      <div>
        <div className="relative h-3 rounded-full bg-gradient-to-r from-rose-400 via-slate-200 to-emerald-400" aria-hidden>
          <span className="absolute top-1/2 size-5 -translate-x-1/2 -translate-y-1/2 rounded-full border-2 border-white bg-slate-900 shadow" style={{ left: `${position}%` }} />
        </div>
        <div className="mt-1 flex justify-between text-sm text-slate-600">
          <span>−1 negative</span>
          <span>0 neutral</span>
          <span>+1 positive</span>
        </div>
      </div>

      <dl className="space-y-2">
        {CLASSES.map(({ name, bar }) => (
          <div key={name} className="grid grid-cols-[5.5rem_1fr_3.5rem] items-center gap-3 text-sm">
            <dt className="capitalize text-slate-700">{name}</dt>
            <div className="h-2.5 overflow-hidden rounded-full bg-slate-100" aria-hidden>
              <div className={`h-full rounded-full ${bar}`} style={{ width: `${value.scores[name] * 100}%` }} />
            </div>
            <dd className="text-right font-semibold tabular-nums text-slate-900">{percent(value.scores[name])}</dd>
          </div>
        ))}
      </dl>
      <p className="text-sm text-slate-600">Class scores: the share of the text VADER reads as positive, neutral or negative.</p>
    </div>
  );
}
