// Preloaded into Prism (`node --import <this> prism …`) by the watchdog: Prism's stdin is a pipe whose other
// end only the watchdog holds, so when it closes the watchdog is gone (it exited, crashed or was killed with
// SIGKILL) and Prism exits at once, releasing its port. A changed parent pid says the same.
// Nothing here keeps Prism alive: the stdin handle and the timer are unreferenced.
const parent = process.ppid;
const leave = () => process.exit(1);
const stdin = process.stdin as NodeJS.ReadStream & { unref?: () => void };
stdin.on("end", leave).on("close", leave).on("error", leave).resume();
stdin.unref?.();
setInterval(() => process.ppid !== parent && leave(), 500).unref();

export {};
