import { Fragment } from 'react';

/**
 * A long identifier that may wrap only at its joints (after "_", ":" or ".", before "("), so
 * a phone shows "expensive_ / function(username)", never "expensive_function(u / sername)".
 */
export function Breakable({ text }: { text: string }) {
  const parts = text.split(/(?<=[_:.])|(?=\()/);
  return (
    <>
      {parts.map((part, index) => (
        <Fragment key={index}>
          {index > 0 && <wbr />}
          {part}
        </Fragment>
      ))}
    </>
  );
}
