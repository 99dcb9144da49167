/** A failed request, in the words of the API's error message. */
export function ErrorNotice({ message }: { message: string }) {
  return (
    <p role="alert" className="rounded-2xl border border-rose-200 bg-rose-50 p-4 font-medium text-rose-800 [overflow-wrap:anywhere]">
      {message}
    </p>
  );
}
