import Foundation
import Testing
import CotejoModel
import CotejoStore
import CotejoPipeline

/// What a batch says as it goes: documents counted in the order they finish, the time left, and
/// how far a long document's reading has got, in this process and from a child process.
@Suite(.serialized) struct ProgressTests {
    final class Heard: @unchecked Sendable {
        private let lock = NSLock()
        private var list: [ProgressEvent] = []
        func add(_ e: ProgressEvent) { lock.lock(); list.append(e); lock.unlock() }
        var events: [ProgressEvent] { lock.lock(); defer { lock.unlock() }; return list }
    }

    func ingest(_ files: [String], isolation: Pipeline.Isolation, jobs: Int) throws -> [ProgressEvent] {
        let dir = try Repo.temporaryDirectory()
        for f in files {
            try FileManager.default.copyItem(at: Repo.fixtures.appendingPathComponent(f), to: dir.appendingPathComponent(f))
        }
        let heard = Heard()
        _ = try Pipeline(config: PipelineConfig(inputs: [])).ingest(paths: [dir.path], store: Store(), jobs: jobs, isolation: isolation,
                                                                     progress: { heard.add($0) })
        return heard.events
    }

    @Test func documentsCountUpInTheOrderTheyFinishWithTheTimeLeft() throws {
        let events = try ingest(["003.pdf", "003.html", "000.docx", "004.docx"], isolation: .inProcess, jobs: 2)
        let done = events.filter { $0.done != nil }
        #expect(done.map(\.done) == [1, 2, 3, 4])
        #expect(done.allSatisfy { $0.total == 4 && $0.event == .read })
        #expect(done.dropLast().allSatisfy { $0.etaSeconds != nil })
        #expect(done.last?.etaSeconds == nil)
        // For programs: one JSON object per event, with its keys.
        let object = try #require(try JSONSerialization.jsonObject(with: Data(done[0].json.utf8)) as? [String: Any])
        #expect(object["event"] as? String == "read")
        #expect(object["done"] as? Int == 1)
        #expect(object["findings"] != nil && object["path"] != nil)
    }

    @Test func aLongDocumentTellsItsPagesInThisProcessAndFromAWorker() throws {
        let inProcess = try ingest(["001.pdf"], isolation: .inProcess, jobs: 1).filter { $0.event == .pages }
        #expect(inProcess.first?.page == 1)
        #expect(inProcess.allSatisfy { $0.pages == 33 && ($0.page ?? 33) < 33 })
        let exe = try #require(Repo.cotejoExecutable, "the cotejo executable is built with the tests")
        let runner = ChildProcessRunner(executable: exe, pipelinePath: nil, seconds: 120, megabytes: 2048)
        let fromWorker = try ingest(["001.pdf"], isolation: .childProcess(runner), jobs: 1)
        #expect(fromWorker.filter { $0.event == .pages }.first?.page == 1)
        #expect(fromWorker.last?.event == .read, "the page lines stay out of the worker's answer: \(fromWorker.last.map { "\($0)" } ?? "")")
    }
}
