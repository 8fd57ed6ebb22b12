/// The labels a form sets before an indicator's own words ("Meta producto", "Indicador") and before
/// the result goal the indicator serves ("Meta resultado"), folded. Records use them to carry an
/// indicator cut by a page break to its figures; checks, to tell a product's own words from the
/// goal above it.
public enum FormFieldLabels {
    public static let product = ["meta producto", "meta de producto", "indicador"]
    public static let result = ["meta resultado", "meta de resultado"]
    public static var all: [String] { product + result }
}
