/**
 * Shares one run of `work` among concurrent callers, but never hands a caller a result that
 * started before it asked: while a run is in flight, newcomers wait for ONE follow-up run that
 * starts when it ends. At most one run plus one queued run exist, however many callers pile up,
 * and a reader who has just written (a game played) is sure to see its write.
 */
export function freshSingleFlight<T>(work: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | null = null;
  let queued: Promise<T> | null = null;

  const launch = (): Promise<T> => {
    const run = work();
    running = run;
    const clear = () => {
      if (running === run) running = null;
    };
    run.then(clear, clear);
    return run;
  };

  return () => {
    if (queued) return queued;
    if (!running) return launch();
    queued = running.then(settled, settled).then(() => {
      queued = null;
      return launch();
    });
    return queued;
  };
}

const settled = () => undefined;
