import Foundation
import CotejoModel
import CotejoStore
import CotejoReport

/// `output.export`: the JSON export, one file valid against schema/cotejo.export-1.schema.json.
public enum JSONExportOutput: RunOutput {
    public static let key = "export"
    public static let defaultPath = "output/export.json"

    public static func write(_ docs: [StoredDocument], to path: String, pipelinePath: String, language: Language) throws -> [String] {
        try RunOutputs.write(JSONExporter.encode(JSONExporter.export(docs, version: cotejoVersion, pipeline: pipelinePath, language: language)), to: path)
        return [language.pick("Escrito \(path)", "Wrote \(path)")]
    }
}
