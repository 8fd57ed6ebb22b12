import Foundation
import Yams
import CotejoModel
import CotejoSpanish
import CotejoChecks
import CotejoIngest

/// A pipeline definition (`pipelines/*.yaml`): what to read, where to write, which rules run and how.
public struct PipelineConfig: Codable, Sendable {
    public var name: String
    /// Files and folders to ingest. In a pipeline file they are relative to the file's folder,
    /// as are the outputs, so a pipeline runs the same from any working directory.
    public var inputs: [String]
    public var output: Output
    public var language: Language
    public var limits: Limits
    /// Per rule id: enabled, severity, tolerance.
    public var rules: [String: RuleSettings]
    /// When pages are read by OCR, in which languages, at what resolution and for how long.
    public var ocr: OCR

    /// The `ocr:` section. Its time limit counts inside the document's own (`limits`): when it is
    /// not given it is three quarters of `seconds_per_document`, so a long scan leaves time for
    /// the stages after reading.
    public struct OCR: Codable, Sendable {
        public var mode: OCRSettings.Mode
        public var languages: [String]
        public var dpi: Int
        public var secondsPerDocument: Double?

        enum CodingKeys: String, CodingKey {
            case mode, languages, dpi, secondsPerDocument = "seconds_per_document"
        }

        public init(mode: OCRSettings.Mode = .auto, languages: [String] = ["spa", "eng"], dpi: Int = 300,
                    secondsPerDocument: Double? = nil) {
            self.mode = mode; self.languages = languages; self.dpi = dpi; self.secondsPerDocument = secondsPerDocument
        }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            let d = OCR()
            let modeText = try c.decodeIfPresent(String.self, forKey: .mode) ?? d.mode.rawValue
            guard let mode = OCRSettings.Mode(rawValue: modeText) else {
                throw DecodingError.dataCorruptedError(forKey: .mode, in: c,
                    debugDescription: "ocr mode '\(modeText)' is not one of auto, always, never")
            }
            self.mode = mode
            languages = try c.decodeIfPresent([String].self, forKey: .languages) ?? d.languages
            dpi = try c.decodeIfPresent(Int.self, forKey: .dpi) ?? d.dpi
            secondsPerDocument = try c.decodeIfPresent(Double.self, forKey: .secondsPerDocument)
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(mode.rawValue, forKey: .mode)
            try c.encode(languages, forKey: .languages)
            try c.encode(dpi, forKey: .dpi)
            try c.encodeIfPresent(secondsPerDocument, forKey: .secondsPerDocument)
        }
    }

    /// The OCR settings the readers use, the time limit settled against the document's.
    public var ocrSettings: OCRSettings {
        OCRSettings(mode: ocr.mode, languages: ocr.languages, dpi: ocr.dpi,
                    secondsPerDocument: min(ocr.secondsPerDocument ?? limits.secondsPerDocument * 0.75, limits.secondsPerDocument))
    }

    /// The `output:` section: the store, and where each output goes (`RunOutputs.all`), by its key.
    public struct Output: Codable, Sendable {
        public var database: String
        /// Per output key ("export", "report"), where it is written; an output without one is not.
        public var paths: [String: String]

        public init(database: String, paths: [String: String] = [:]) {
            self.database = database; self.paths = paths
        }

        /// Every output where it goes by default: what a pipeline without `output:` writes.
        public static let standard = Output(database: "output/cotejo.sqlite",
                                            paths: Dictionary(uniqueKeysWithValues: RunOutputs.all.map { ($0.key, $0.defaultPath) }))

        public func path(of output: any RunOutput.Type) -> String? { paths[output.key] }

        struct Key: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
            static let database = Key(stringValue: "database")
        }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: Key.self)
            database = try c.decode(String.self, forKey: .database)
            paths = [:]
            for output in RunOutputs.all {
                if let path = try c.decodeIfPresent(String.self, forKey: Key(stringValue: output.key)) { paths[output.key] = path }
            }
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(database, forKey: .database)
            for (key, path) in paths.sorted(by: { $0.key < $1.key }) { try c.encode(path, forKey: Key(stringValue: key)) }
        }
    }

    public struct Limits: Codable, Sendable {
        /// Files larger than this are recorded as failed without being read.
        public var maxFileMegabytes: Double
        /// Time and memory limits for one document's reading, for the child process that runs it.
        public var secondsPerDocument: Double
        public var megabytesPerDocument: Double
        /// How many times a document whose failure may pass (a limit hit under load, a killed
        /// worker) is tried, over successive runs, before its failure is kept.
        public var attemptsPerDocument: Int

        enum CodingKeys: String, CodingKey {
            case maxFileMegabytes = "max_file_mb", secondsPerDocument = "seconds_per_document"
            case megabytesPerDocument = "memory_mb_per_document", attemptsPerDocument = "attempts_per_document"
        }

        public init(maxFileMegabytes: Double = 200, secondsPerDocument: Double = 120, megabytesPerDocument: Double = 1024,
                    attemptsPerDocument: Int = 3) {
            self.maxFileMegabytes = maxFileMegabytes; self.secondsPerDocument = secondsPerDocument
            self.megabytesPerDocument = megabytesPerDocument; self.attemptsPerDocument = attemptsPerDocument
        }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            let d = Limits()
            maxFileMegabytes = try c.decodeIfPresent(Double.self, forKey: .maxFileMegabytes) ?? d.maxFileMegabytes
            secondsPerDocument = try c.decodeIfPresent(Double.self, forKey: .secondsPerDocument) ?? d.secondsPerDocument
            megabytesPerDocument = try c.decodeIfPresent(Double.self, forKey: .megabytesPerDocument) ?? d.megabytesPerDocument
            attemptsPerDocument = try c.decodeIfPresent(Int.self, forKey: .attemptsPerDocument) ?? d.attemptsPerDocument
        }
    }

    /// The file the definition was read from, and a digest of its text: a changed definition
    /// changes the pipeline version, so documents are processed again.
    public var path: String?
    public var digest: String?

    enum CodingKeys: String, CodingKey { case name, inputs, output, language, limits, rules, ocr }

    public init(name: String = "default", inputs: [String] = ["fixtures"],
                output: Output = .standard,
                language: Language = .es, limits: Limits = Limits(), rules: [String: RuleSettings] = [:], ocr: OCR = OCR()) {
        self.name = name; self.inputs = inputs; self.output = output; self.language = language
        self.limits = limits; self.rules = rules; self.ocr = ocr
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decodeIfPresent(String.self, forKey: .name) ?? "default"
        inputs = try c.decodeIfPresent([String].self, forKey: .inputs) ?? []
        output = try c.decodeIfPresent(Output.self, forKey: .output) ?? .standard
        language = try c.decodeIfPresent(Language.self, forKey: .language) ?? .es
        limits = try c.decodeIfPresent(Limits.self, forKey: .limits) ?? Limits()
        rules = try c.decodeIfPresent([String: RuleSettings].self, forKey: .rules) ?? [:]
        ocr = try c.decodeIfPresent(OCR.self, forKey: .ocr) ?? OCR()
    }

    /// Reads a pipeline file; errors name the file and what is wrong in it.
    public static func load(path: String) throws -> PipelineConfig {
        let text: String
        guard FileManager.default.fileExists(atPath: path) else {
            throw PipelineError.config(path: path, reason: Bilingual(es: "no existe ese archivo de pipeline (revise la ruta)", en: "there is no such pipeline file (check the path)"))
        }
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw PipelineError.unreadable(path: path, reason: Bilingual(es: "no se puede leer (\(error.localizedDescription))", en: "cannot be read (\(error.localizedDescription))"))
        }
        var config: PipelineConfig
        do { config = try YAMLDecoder().decode(PipelineConfig.self, from: text) } catch {
            throw PipelineError.config(path: path, reason: Self.explain(error))
        }
        // A misspelled key ("inputz") would otherwise be ignored and the run would read nothing.
        if let unknown = try? unknownKey(in: text) {
            throw PipelineError.config(path: path, reason: unknown)
        }
        if config.limits.secondsPerDocument <= 0 || config.limits.megabytesPerDocument <= 0 || config.limits.maxFileMegabytes <= 0 {
            throw PipelineError.config(path: path, reason: Bilingual(es: "da a limits un valor de cero o menos; seconds_per_document, memory_mb_per_document y max_file_mb deben ser positivos", en: "gives limits a value at or below zero; seconds_per_document, memory_mb_per_document and max_file_mb must be positive"))
        }
        let known = RuleRegistry.allRuleIDs
        if let unknown = config.rules.keys.first(where: { !known.contains($0) }) {
            let list = known.sorted().joined(separator: ", ")
            throw PipelineError.config(path: path, reason: Bilingual(es: "nombra una regla que no existe, '\(unknown)' (existen: \(list))", en: "names an unknown rule '\(unknown)' (known: \(list))"))
        }
        for rule in RuleRegistry.allRules {
            guard let settings = config.rules[rule.id] else { continue }
            for option in rule.options {
                guard let value = settings.value(option), !option.accepts(value) else { continue }
                throw PipelineError.config(path: path, reason: Bilingual(
                    es: "da a la regla '\(rule.id)' el valor \(SpanishNumber.write(value, decimals: .upTo(2), language: .es)) en \(option.key) (\(option.name.es)); \(option.requirement.es)",
                    en: "gives rule '\(rule.id)' the value \(SpanishNumber.write(value, decimals: .upTo(2), language: .en)) for \(option.key)\(option.name.en == option.key ? "" : " (\(option.name.en))"); \(option.requirement.en)"))
            }
        }
        if config.limits.attemptsPerDocument < 1 {
            throw PipelineError.config(path: path, reason: Bilingual(es: "da a limits un attempts_per_document de \(config.limits.attemptsPerDocument); debe ser al menos 1", en: "gives limits an attempts_per_document of \(config.limits.attemptsPerDocument); it must be at least 1"))
        }
        if config.ocr.dpi < 70 || config.ocr.dpi > 1200 {
            throw PipelineError.config(path: path, reason: Bilingual(es: "da a ocr un dpi de \(config.ocr.dpi); debe estar entre 70 y 1200", en: "gives ocr a dpi of \(config.ocr.dpi); it must be between 70 and 1200"))
        }
        if config.ocr.languages.isEmpty || config.ocr.languages.contains(where: { $0.isEmpty || $0.contains("+") }) {
            throw PipelineError.config(path: path, reason: Bilingual(es: "da a ocr los idiomas \(config.ocr.languages); escriba los códigos de Tesseract uno por uno (spa, eng)", en: "gives ocr languages \(config.ocr.languages); list Tesseract codes one by one (spa, eng)"))
        }
        if let seconds = config.ocr.secondsPerDocument, seconds <= 0 {
            throw PipelineError.config(path: path, reason: Bilingual(es: "da a ocr un límite de \(seconds) s; debe ser positivo", en: "gives ocr a time limit of \(seconds) s; it must be positive"))
        }
        config.resolvePaths(relativeTo: (path as NSString).deletingLastPathComponent)
        config.path = path
        config.digest = Digest.sha256(Data(text.utf8)).prefix(8).description
        return config
    }
}

extension PipelineConfig {
    /// The keys each section knows; anything else is a typo to report.
    static let knownKeys: [String: Set<String>] = [
        "": ["name", "inputs", "output", "language", "limits", "rules", "ocr"],
        "output": Set(["database"] + RunOutputs.all.map { $0.key }),
        "limits": ["max_file_mb", "seconds_per_document", "memory_mb_per_document", "attempts_per_document"],
        "ocr": ["mode", "languages", "dpi", "seconds_per_document"],
    ]

    /// The keys a rule's section knows: the common ones and the rule's own options.
    static func knownKeys(ofRule id: String) -> Set<String> {
        RuleSettings.commonKeys.union(RuleRegistry.allRules.first { $0.id == id }?.options.map(\.key) ?? [])
    }

    /// A decoding error as a sentence naming the key and what is wrong with its value, instead
    /// of Swift's dump of the error.
    static func explain(_ error: Error) -> Bilingual {
        func key(_ path: [CodingKey]) -> String { path.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".") }
        switch error as? DecodingError {
        case .typeMismatch(let type, let context):
            let k = key(context.codingPath)
            return Bilingual(es: "la clave \(k) tiene un valor de otro tipo (se espera \(type))", en: "the key \(k) has a value of the wrong type (\(type) expected)")
        case .valueNotFound(_, let context):
            let k = key(context.codingPath)
            return Bilingual(es: "la clave \(k) no tiene valor", en: "the key \(k) has no value")
        case .keyNotFound(let missing, let context):
            let k = key(context.codingPath + [missing])
            return Bilingual(es: "falta la clave \(k)", en: "the key \(k) is missing")
        case .dataCorrupted(let context):
            let k = key(context.codingPath)
            return k.isEmpty
                ? Bilingual(es: "no es YAML válido: \(context.debugDescription)", en: "is not valid YAML: \(context.debugDescription)")
                : Bilingual(es: "la clave \(k) tiene un valor que no vale: \(context.debugDescription)", en: "the key \(k) has a bad value: \(context.debugDescription)")
        case nil:
            return Bilingual(es: "no es una definición de pipeline válida: \(error)", en: "is not a valid pipeline definition: \(error)")
        @unknown default:
            return Bilingual(es: "no es una definición de pipeline válida", en: "is not a valid pipeline definition")
        }
    }

    /// The first key the definition spells that Cotejo does not know, as a sentence with its line;
    /// nil when all are known.
    static func unknownKey(in text: String) throws -> Bilingual? {
        guard let root = try Yams.compose(yaml: text), case .mapping(let top) = root else { return nil }
        func check(_ map: Node.Mapping, section: String, known: Set<String>) -> Bilingual? {
            let keys = map.keys.compactMap { key in key.string.map { (name: $0, line: key.mark?.line) } }
            guard let key = keys.first(where: { !known.contains($0.name) }) else { return nil }
            let list = known.sorted().joined(separator: ", ")
            let line = key.line.map { ", line \($0)" } ?? ""
            let linea = key.line.map { ", línea \($0)" } ?? ""
            return Bilingual(es: "tiene una clave desconocida, '\(key.name)', \(section.isEmpty ? "en el nivel superior" : "bajo \(section):")\(linea) (se conocen: \(list))",
                             en: "has an unknown key '\(key.name)' \(section.isEmpty ? "at the top level" : "under \(section):")\(line) (known: \(list))")
        }
        if let problem = check(top, section: "", known: knownKeys[""]!) { return problem }
        for section in ["output", "limits", "ocr"] {
            if case .mapping(let map)? = top[section], let problem = check(map, section: section, known: knownKeys[section]!) { return problem }
        }
        if case .mapping(let rules)? = top["rules"] {
            for (rule, value) in rules {
                if case .mapping(let map) = value,
                   let problem = check(map, section: "rules: \(rule.string ?? "?")", known: knownKeys(ofRule: rule.string ?? "")) { return problem }
            }
        }
        return nil
    }

    /// Makes relative inputs and outputs relative to `folder` (the pipeline file's), written as
    /// short as they can be ("pipelines/../fixtures" is "fixtures"): stored document paths stay
    /// the same whether a pipeline names its inputs from its own folder or from the working one.
    mutating func resolvePaths(relativeTo folder: String) {
        func resolve(_ p: String) -> String { Self.joined(folder, p) }
        inputs = inputs.map(resolve)
        output.database = resolve(output.database)
        output.paths = output.paths.mapValues(resolve)
    }

    /// `path` read from `folder`: unchanged when absolute or when the folder is the working one;
    /// "." and ".." folded away lexically (no symlink is followed, nothing needs to exist yet).
    static func joined(_ folder: String, _ path: String) -> String {
        guard !path.hasPrefix("/"), !folder.isEmpty, folder != "." else { return path }
        let absolute = folder.hasPrefix("/")
        var parts: [Substring] = []
        for part in (folder + "/" + path).split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..":
                if let last = parts.last, last != ".." { parts.removeLast() } else if !absolute { parts.append(part) }
            default: parts.append(part)
            }
        }
        let body = parts.joined(separator: "/")
        return absolute ? "/" + body : (body.isEmpty ? "." : body)
    }
}

/// Why a pipeline definition cannot be used: a usage error when it says something wrong
/// (`config`), an error of the system when it cannot be read at all (`unreadable`).
public enum PipelineError: Error, CustomStringConvertible {
    case config(path: String, reason: Bilingual)
    case unreadable(path: String, reason: Bilingual)

    public func message(in language: Language) -> String {
        switch self {
        case .config(let path, let reason), .unreadable(let path, let reason): "\(path): \(reason.text(in: language))"
        }
    }

    public var description: String { message(in: .en) }
}
