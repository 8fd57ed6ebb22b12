import Testing
import CotejoModel

/// The one row grouping every stage uses, and the settings its callers differ in.
@Suite struct VisualRowsTests {
    struct Item: Equatable { var name: String; var box: BBox }

    static func item(_ name: String, x: Double, y: Double, height: Double = 10) -> Item {
        Item(name: name, box: BBox(x0: x, y0: y, x1: x + 20, y1: y + height))
    }

    static func names(_ rows: [[Item]]) -> [[String]] { rows.map { $0.map(\.name) } }

    @Test func anItemJoinsTheLastRowItOverlapsByDefault() {
        let items = [Self.item("a", x: 0, y: 0), Self.item("b", x: 40, y: 2), Self.item("c", x: 0, y: 30)]
        #expect(Self.names(items.visualRows(box: \.box, anchor: .band)) == [["a", "b"], ["c"]])
    }

    /// A row further up is only tried when the caller looks back that far.
    @Test func lookingBackReachesAnEarlierRow() {
        let items = [Self.item("a", x: 0, y: 0), Self.item("b", x: 0, y: 30), Self.item("c", x: 60, y: 1)]
        #expect(Self.names(items.visualRows(box: \.box, anchor: .band)) == [["a"], ["b"], ["c"]])
        #expect(Self.names(items.visualRows(box: \.box, anchor: .band, lookBack: 2)) == [["a", "c"], ["b"]])
    }

    /// Two rows a caller keeps apart (pieces above each other), and an item that overlaps both: it
    /// goes to the latest or the earliest as asked, and nowhere when `admits` says no.
    @Test func theChoiceAndTheAdmissionAreTheCallers() {
        let items = [Self.item("a", x: 0, y: 0), Self.item("b", x: 0, y: 4), Self.item("c", x: 60, y: 2)]
        let apart: ([Item], Item) -> Bool = { row, item in !row.contains { $0.box.horizontalOverlap(item.box) > 0 } }
        #expect(Self.names(items.visualRows(box: \.box, anchor: .band, lookBack: 2, choosing: .latest, admits: apart)) == [["a"], ["b", "c"]])
        #expect(Self.names(items.visualRows(box: \.box, anchor: .band, lookBack: 2, choosing: .earliest, admits: apart)) == [["a", "c"], ["b"]])
        #expect(Self.names(items.visualRows(box: \.box, anchor: .band, lookBack: 2, admits: { _, _ in false })) == [["a"], ["b"], ["c"]])
    }
}
