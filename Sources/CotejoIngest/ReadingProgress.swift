import Foundation

/// Where a long read stands: readers that go page by page call `ReadingProgress.page` after each
/// page, and whoever runs the read wraps it in `ReadingProgress.listening` to hear it. Kept per
/// thread, so documents read at once on several threads each report to their own listener, and
/// a read nobody listens to costs one dictionary lookup per page. (A task-local would say the
/// same, but binding one outside any task crashed the runtime in release builds.)
public enum ReadingProgress {
    public typealias Listener = @Sendable (_ page: Int, _ of: Int) -> Void

    private static let key = "cotejo.reading-progress"
    private final class Box { let listener: Listener; init(_ l: @escaping Listener) { listener = l } }

    /// Runs `body` with `listener` hearing the pages read on this thread.
    public static func listening<T>(_ listener: @escaping Listener, _ body: () throws -> T) rethrows -> T {
        let dictionary = Thread.current.threadDictionary
        let previous = dictionary[key]
        dictionary[key] = Box(listener)
        defer { dictionary[key] = previous }
        return try body()
    }

    /// Called by a reader when it has read `page` of `count`.
    static func page(_ page: Int, of count: Int) {
        (Thread.current.threadDictionary[key] as? Box)?.listener(page, count)
    }
}
