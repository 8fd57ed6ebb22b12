import Foundation

/// Where a long read stands: readers that go page by page call `ReadingProgress.page` after each
/// page, and whoever runs the read binds `ReadingProgress.$report` to hear it. Bound per thread
/// (a task-local outside tasks is thread-local), so documents read at once on several threads
/// each report to their own listener, and a read nobody listens to costs one nil check per page.
public enum ReadingProgress {
    public typealias Listener = @Sendable (_ page: Int, _ of: Int) -> Void

    @TaskLocal public static var report: Listener?

    /// Called by a reader when it has read `page` of `count`.
    static func page(_ page: Int, of count: Int) { report?(page, count) }
}
