import Foundation

/// The JSON encoders and decoders every stage uses. A value that is not a finite number (a ratio
/// over a zero somewhere) must never make a whole document or a whole export fail to encode: it is
/// written as the string "NaN", "Infinity" or "-Infinity" and read back as the same value.
/// Readers never produce one (a digit string too long for a double is not a figure).
public enum JSONCoding {
    public static func encoder(sortedKeys: Bool = false) -> JSONEncoder {
        let e = JSONEncoder()
        if sortedKeys { e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes] }
        e.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return e
    }

    public static func decoder() -> JSONDecoder {
        let d = JSONDecoder()
        d.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return d
    }
}
