import CotejoModel
import CotejoStore

/// One thing a run writes from the store when it ends, named by its key under the pipeline's
/// `output:` (next to `database`). A new output is a type conforming to this, in a file of its own
/// under Outputs/, and one line in `RunOutputs.all`: the pipeline file, its known keys, its paths
/// and the run all go through that list.
public protocol RunOutput: Sendable {
    /// The key under `output:` that says where it goes ("export", "report").
    static var key: String { get }
    /// Where it goes when a pipeline has no `output:` section.
    static var defaultPath: String { get }
    /// Writes it to `path`; returns what was written, one line each, in `language`.
    /// `pipelinePath`: the pipeline file as given, for outputs that record it.
    static func write(_ docs: [StoredDocument], to path: String, pipelinePath: String, language: Language) throws -> [String]
}
