import Foundation

/// A PDF written object by object, for tests that need a page of a given make (an image only, a text
/// layer over an image, white text): objects are numbered from 1 in the order added, and the
/// cross-reference table and trailer are written at the end. Object 1 must be the catalog.
struct MinimalPDF {
    private var out = Data("%PDF-1.4\n".utf8)
    private var offsets: [Int] = []

    /// Adds an object; returns its number.
    @discardableResult
    mutating func add(_ body: Data) -> Int {
        offsets.append(out.count)
        out.append(Data("\(offsets.count) 0 obj\n".utf8)); out.append(body); out.append(Data("\nendobj\n".utf8))
        return offsets.count
    }

    @discardableResult
    mutating func add(_ body: String) -> Int { add(Data(body.utf8)) }

    /// A content stream.
    @discardableResult
    mutating func addStream(_ content: String) -> Int {
        add("<< /Length \(content.utf8.count) >>\nstream\n\(content)\nendstream")
    }

    /// An 8-bit grey image XObject.
    @discardableResult
    mutating func addGrayImage(_ pixels: [UInt8], width: Int, height: Int) -> Int {
        var image = Data("<< /Type /XObject /Subtype /Image /Width \(width) /Height \(height) /ColorSpace /DeviceGray /BitsPerComponent 8 /Length \(pixels.count) >>\nstream\n".utf8)
        image.append(contentsOf: pixels); image.append(Data("\nendstream".utf8))
        return add(image)
    }

    /// The file, with its cross-reference table and trailer.
    func data() -> Data {
        var file = out
        var table = "xref\n0 \(offsets.count + 1)\n0000000000 65535 f \n"
        for o in offsets { table += String(format: "%010d 00000 n \n", o) }
        table += "trailer\n<< /Size \(offsets.count + 1) /Root 1 0 R >>\nstartxref\n\(out.count)\n%%EOF\n"
        file.append(Data(table.utf8))
        return file
    }
}
