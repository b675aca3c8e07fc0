/// The row and column scale factors of GLPK's automatic scaling (`glp_scale_prob` with
/// `GLP_SF_AUTO`), computed on flat copies of the program's coefficients.
///
/// GLPK finds the smallest and largest scaled coefficient of a row or column by walking linked
/// lists of matrix elements spread over its memory pool, several times per pass; on a large program
/// that walk took longer than the simplex itself. Here the same passes run over contiguous arrays.
///
/// The factors are GLPK's to the last bit: the passes, their order, their stopping rule and every
/// floating-point operation are GLPK's own (scaling is documented in the GLPK reference manual,
/// `glp_scale_prob`, and the order of operations was checked against GLPK 5.0's results). The
/// tests compare them with GLPK's on every reference problem, so the simplex sees the same scaled
/// program and takes the same path as before.
///
/// The steps, for a matrix whose scaled coefficients `|a[i,j]| * r[i] * s[j]` are not all within
/// 0.1 and 10 already:
/// 1. geometric-mean passes: each row (or column) is divided by the square root of its smallest
///    times its largest coefficient; rows first unless the rows' worst ratio of largest to smallest
///    is above the columns'. Passes repeat, at most 15 times, while each lowers the whole matrix's
///    ratio to 0.9 of the one before or less;
/// 2. one equilibration pass: each row (or column) is divided by its largest coefficient, in the
///    order chosen the same way.
///
/// An empty row or column counts as if its smallest and largest coefficient were 1, as in GLPK.
struct ScaleFactors: Equatable {
    /// One factor per row, in the program's order.
    var rows: [Double]
    /// One factor per column, in the program's order.
    var columns: [Double]

    init(rows: [Double], columns: [Double]) {
        self.rows = rows
        self.columns = columns
    }

    /// The factors of GLPK's automatic scaling of this program.
    init(automaticFor program: LinearProgram) {
        var matrix = Magnitudes(program)
        matrix.scaleAutomatically()
        rows = matrix.rowFactors
        columns = matrix.columnFactors
    }

    /// Whether GLPK accepts every factor (`glp_set_rii` and `glp_set_sjj` stop the process on a
    /// factor that is not positive, and a factor beyond the doubles would spoil the program).
    var areUsable: Bool {
        rows.allSatisfy { $0.isFinite && $0 > 0 } && columns.allSatisfy { $0.isFinite && $0 > 0 }
    }
}

/// The magnitudes of a program's nonzero coefficients, row by row and column by column, with the
/// current scale factors.
private struct Magnitudes {
    let rowStarts: [Int]
    let rowColumns: [Int32]
    let rowValues: [Double]
    let columnStarts: [Int]
    let columnRows: [Int32]
    let columnValues: [Double]
    var rowFactors: [Double]
    var columnFactors: [Double]

    init(_ program: LinearProgram) {
        let m = program.constraints.count
        let n = program.variables.count
        var rowStarts = [Int](repeating: 0, count: m + 1)
        var columnCounts = [Int](repeating: 0, count: n + 1)
        var count = 0
        for (i, row) in program.constraints.enumerated() {
            // GLPK does not store zero coefficients.
            for term in row.terms where term.coefficient != 0 {
                count += 1
                columnCounts[term.variable.index + 1] += 1
            }
            rowStarts[i + 1] = count
        }
        var rowColumns = [Int32](repeating: 0, count: count)
        var rowValues = [Double](repeating: 0, count: count)
        for j in 0..<n { columnCounts[j + 1] += columnCounts[j] }
        let columnStarts = columnCounts
        var next = columnCounts
        var columnRows = [Int32](repeating: 0, count: count)
        var columnValues = [Double](repeating: 0, count: count)
        var k = 0
        for (i, row) in program.constraints.enumerated() {
            for term in row.terms where term.coefficient != 0 {
                let j = term.variable.index
                let magnitude = abs(term.coefficient)
                rowColumns[k] = Int32(truncatingIfNeeded: j)
                rowValues[k] = magnitude
                k += 1
                let t = next[j]
                next[j] = t + 1
                columnRows[t] = Int32(truncatingIfNeeded: i)
                columnValues[t] = magnitude
            }
        }
        self.rowStarts = rowStarts
        self.rowColumns = rowColumns
        self.rowValues = rowValues
        self.columnStarts = columnStarts
        self.columnRows = columnRows
        self.columnValues = columnValues
        rowFactors = [Double](repeating: 1, count: m)
        columnFactors = [Double](repeating: 1, count: n)
    }

    /// The smallest and largest scaled magnitude of each line (a row when `starts` are the rows'),
    /// handed to `body` line by line; (1, 1) for an empty line.
    private static func extremes(
        starts: [Int], others: [Int32], values: [Double], own: [Double], other: [Double],
        _ body: (Int, Double, Double) -> Void
    ) {
        starts.withUnsafeBufferPointer { starts in
            others.withUnsafeBufferPointer { others in
                values.withUnsafeBufferPointer { values in
                    own.withUnsafeBufferPointer { own in
                        other.withUnsafeBufferPointer { other in
                            for line in 0..<own.count {
                                let start = starts[line]
                                let end = starts[line + 1]
                                guard start < end else {
                                    body(line, 1, 1)
                                    continue
                                }
                                let factor = own[line]
                                var low = values[start] * (factor * other[Int(others[start])])
                                var high = low
                                var k = start + 1
                                while k < end {
                                    let scaled = values[k] * (factor * other[Int(others[k])])
                                    if scaled < low { low = scaled }
                                    if scaled > high { high = scaled }
                                    k += 1
                                }
                                body(line, low, high)
                            }
                        }
                    }
                }
            }
        }
    }

    private func rowExtremes(_ body: (Int, Double, Double) -> Void) {
        Self.extremes(
            starts: rowStarts, others: rowColumns, values: rowValues, own: rowFactors, other: columnFactors, body)
    }

    private func columnExtremes(_ body: (Int, Double, Double) -> Void) {
        Self.extremes(
            starts: columnStarts, others: columnRows, values: columnValues, own: columnFactors, other: rowFactors,
            body)
    }

    /// The smallest and the largest scaled magnitude in the matrix, empty rows counting as 1.
    private func matrixExtremes() -> (low: Double, high: Double) {
        var low = 1.0
        var high = 1.0
        rowExtremes { i, rowLow, rowHigh in
            if i == 0 || rowLow < low { low = rowLow }
            if i == 0 || rowHigh > high { high = rowHigh }
        }
        return (low, high)
    }

    /// The largest ratio of largest to smallest scaled magnitude over the rows.
    private func worstRowRatio() -> Double {
        var worst = 1.0
        rowExtremes { i, low, high in
            let ratio = high / low
            if i == 0 || ratio > worst { worst = ratio }
        }
        return worst
    }

    /// The largest ratio of largest to smallest scaled magnitude over the columns.
    private func worstColumnRatio() -> Double {
        var worst = 1.0
        columnExtremes { j, low, high in
            let ratio = high / low
            if j == 0 || ratio > worst { worst = ratio }
        }
        return worst
    }

    private mutating func scaleRows(geometricMean: Bool) {
        var factors = rowFactors
        rowExtremes { i, low, high in
            factors[i] = geometricMean ? factors[i] / (low * high).squareRoot() : factors[i] / high
        }
        rowFactors = factors
    }

    private mutating func scaleColumns(geometricMean: Bool) {
        var factors = columnFactors
        columnExtremes { j, low, high in
            factors[j] = geometricMean ? factors[j] / (low * high).squareRoot() : factors[j] / high
        }
        columnFactors = factors
    }

    private mutating func pass(columnsFirst: Bool, geometricMean: Bool) {
        if columnsFirst {
            scaleColumns(geometricMean: geometricMean)
            scaleRows(geometricMean: geometricMean)
        } else {
            scaleRows(geometricMean: geometricMean)
            scaleColumns(geometricMean: geometricMean)
        }
    }

    mutating func scaleAutomatically() {
        guard !rowFactors.isEmpty, !columnFactors.isEmpty else { return }
        let start = matrixExtremes()
        // Well scaled already: GLPK leaves the factors at 1.
        if start.low >= 0.10 && start.high <= 10.0 { return }
        let columnsFirst = worstRowRatio() > worstColumnRatio()
        var ratio = 0.0
        for k in 1...15 {
            let previous = ratio
            let extremes = matrixExtremes()
            ratio = extremes.high / extremes.low
            if k > 1 && ratio > 0.90 * previous { break }
            pass(columnsFirst: columnsFirst, geometricMean: true)
        }
        pass(columnsFirst: worstRowRatio() > worstColumnRatio(), geometricMean: false)
    }
}
