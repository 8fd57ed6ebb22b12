import Foundation

/// Tesseract runs parts of its recognition in OpenMP teams. On a batch that already reads one
/// document per core those teams only fight each other: a page took 23 s instead of 3.5 s on two
/// cores. OpenMP reads its thread limit from the environment once, when the library loads (before
/// `main`), so when the limit is not set the process sets it and starts itself again; workers
/// inherit it. A user who sets `OMP_THREAD_LIMIT` keeps their value.
enum OpenMPThreadLimit {
    static func ensure() {
        guard getenv("OMP_THREAD_LIMIT") == nil else { return }
        setenv("OMP_THREAD_LIMIT", "1", 1)
        // Only returns when the exec fails; the run then goes on with the library's default.
        execv("/proc/self/exe", CommandLine.unsafeArgv)
    }
}
