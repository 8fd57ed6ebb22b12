import Foundation
import CTesseract

/// Owns one Leptonica image. Leptonica is the image library Tesseract reads from; Cotejo uses it
/// to decode image files, turn and deskew pages before they are recognised.
final class PixImage {
    private(set) var raw: UnsafeMutablePointer<PIX>

    init(taking raw: UnsafeMutablePointer<PIX>) { self.raw = raw }

    deinit {
        var pointer: UnsafeMutablePointer<PIX>? = raw
        pixDestroy(&pointer)
    }

    var width: Int { Int(pixGetWidth(raw)) }
    var height: Int { Int(pixGetHeight(raw)) }
    /// Pixels per inch the file declares, nil when it declares none.
    var resolution: Double? {
        let x = pixGetXRes(raw)
        return x > 0 ? Double(x) : nil
    }

    /// 8-bit gray levels, row-major, `width × height` (as the page renderer gives them).
    /// Read through a PGM in memory: Leptonica packs pixels into big-endian words, the format does not.
    convenience init?(gray pixels: [UInt8], width: Int, height: Int, resolution: Int) {
        guard width > 0, height > 0, pixels.count == width * height else { return nil }
        var pgm = Data("P5\n\(width) \(height)\n255\n".utf8)
        pgm.append(contentsOf: pixels)
        guard let pix = pgm.withUnsafeBytes({ pixReadMem($0.baseAddress?.assumingMemoryBound(to: l_uint8.self), $0.count) }) else { return nil }
        pixSetResolution(pix, l_int32(resolution), l_int32(resolution))
        self.init(taking: pix)
    }

    /// The gray levels row-major (8-bit images only): what the pixel-level line search reads.
    /// Leptonica stores each row as 32-bit words in host order with the first pixel in the word's
    /// high byte, so on a little-endian machine pixel n of a row sits at byte n XOR 3.
    func grayPixels() -> [UInt8]? {
        guard pixGetDepth(raw) == 8, pixGetColormap(raw) == nil, let data = pixGetData(raw) else { return nil }
        let w = width, h = height, wordsPerLine = Int(pixGetWpl(raw))
        var out = [UInt8](repeating: 255, count: w * h)
        let bytes = UnsafeRawPointer(data).assumingMemoryBound(to: UInt8.self)
        let flip = UInt32(1).littleEndian == 1 ? 3 : 0
        out.withUnsafeMutableBufferPointer { o in
            for y in 0..<h {
                let line = bytes + y * wordsPerLine * 4
                for x in 0..<w { o[y * w + x] = line[x ^ flip] }
            }
        }
        return out
    }

    /// Decodes a PNG, JPEG or single-page TIFF.
    static func decode(_ data: Data) -> PixImage? {
        data.withUnsafeBytes { buffer in
            pixReadMem(buffer.baseAddress?.assumingMemoryBound(to: l_uint8.self), buffer.count).map(PixImage.init(taking:))
        }
    }

    /// Every page of a TIFF, in order.
    static func decodeTIFFPages(_ data: Data) -> [PixImage] {
        data.withUnsafeBytes { buffer -> [PixImage] in
            guard let pixa = pixaReadMemMultipageTiff(buffer.baseAddress?.assumingMemoryBound(to: l_uint8.self), buffer.count) else { return [] }
            defer { var p: UnsafeMutablePointer<PIXA>? = pixa; pixaDestroy(&p) }
            let count = Int(pixaGetCount(pixa))
            return (0..<count).compactMap { i in pixaGetPix(pixa, l_int32(i), l_int32(L_COPY)).map(PixImage.init(taking:)) }
        }
    }

    /// The image as 8-bit gray (colour and 1-bit scans alike), keeping its resolution.
    func grayscale() -> PixImage? {
        if pixGetDepth(raw) == 8 && pixGetColormap(raw) == nil { return self }
        guard let gray = pixConvertTo8(raw, 0) else { return nil }
        return PixImage(taking: gray)
    }

    /// Turned clockwise by `quarters` quarter turns.
    func turned(clockwiseQuarters quarters: Int) -> PixImage? {
        let q = ((quarters % 4) + 4) % 4
        guard q != 0 else { return self }
        return pixRotateOrth(raw, l_int32(q)).map(PixImage.init(taking:))
    }

    /// The rotation, in degrees clockwise, that makes the text lines level (Leptonica's deskew
    /// angle), nil when Leptonica is not confident of it.
    func deskewAngle() -> Double? {
        guard let binary = pixConvertTo1(raw, 160) else { return nil }
        defer { var p: UnsafeMutablePointer<PIX>? = binary; pixDestroy(&p) }
        var angle: l_float32 = 0, confidence: l_float32 = 0
        guard pixFindSkew(binary, &angle, &confidence) == 0, confidence >= 3 else { return nil }
        return Double(angle)
    }

    /// Rotated about its centre by `degrees` clockwise, same size, white brought in at the corners.
    func rotated(clockwiseDegrees degrees: Double) -> PixImage? {
        // Leptonica's angle is in radians, positive clockwise.
        pixRotate(raw, l_float32(degrees * .pi / 180), l_int32(L_ROTATE_AREA_MAP), l_int32(L_BRING_IN_WHITE), 0, 0)
            .map(PixImage.init(taking:))
    }
}
