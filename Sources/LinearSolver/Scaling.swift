/// The row and column scale factors of GLPK's automatic scaling (`glp_scale_prob` with
/// `GLP_SF_AUTO`), computed on the program's rows and a flat copy of its columns.
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
struct ScaleFactors: Equatable, Sendable {
    /// One factor per row, in the program's order.
    var rows: [Double]
    /// One factor per column, in the program's order.
    var columns: [Double]

    init(rows: [Double], columns: [Double]) {
        self.rows = rows
        self.columns = columns
    }

    /// The factors of GLPK's automatic scaling of this program, which must be valid
    /// (``LinearProgram/validate()``: every term's variable within the program).
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

/// A program's coefficients, row by row (the program's own rows) and column by column (a copy of
/// their magnitudes), with the current scale factors.
private struct Magnitudes {
    let program: LinearProgram
    let columnStarts: [Int]
    let columnRows: [Int32]
    let columnValues: [Double]
    var rowFactors: [Double]
    var columnFactors: [Double]

    init(_ program: LinearProgram) {
        let n = program.variables.count
        var columnStarts = [Int](repeating: 0, count: n + 1)
        // GLPK does not store zero coefficients.
        for row in program.constraints {
            for term in row.terms where term.coefficient != 0 { columnStarts[term.variable.index + 1] += 1 }
        }
        for j in 0..<n { columnStarts[j + 1] += columnStarts[j] }
        var next = columnStarts
        let count = columnStarts[n]
        var columnRows = [Int32](repeating: 0, count: count)
        var columnValues = [Double](repeating: 0, count: count)
        for (i, row) in program.constraints.enumerated() {
            for term in row.terms where term.coefficient != 0 {
                let j = term.variable.index
                let t = next[j]
                next[j] = t + 1
                columnRows[t] = Int32(truncatingIfNeeded: i)
                columnValues[t] = abs(term.coefficient)
            }
        }
        self.program = program
        self.columnStarts = columnStarts
        self.columnRows = columnRows
        self.columnValues = columnValues
        rowFactors = [Double](repeating: 1, count: program.constraints.count)
        columnFactors = [Double](repeating: 1, count: n)
    }

    /// The smallest and largest scaled magnitude of each row, handed to `body` row by row; (1, 1)
    /// for an empty row.
    private func rowExtremes(_ body: (Int, Double, Double) -> Void) {
        program.constraints.withUnsafeBufferPointer { rows in
            rowFactors.withUnsafeBufferPointer { own in
                columnFactors.withUnsafeBufferPointer { other in
                    for i in 0..<rows.count {
                        let factor = own[i]
                        var low = 1.0
                        var high = 1.0
                        var first = true
                        rows[i].terms.withUnsafeBufferPointer { terms in
                            for term in terms where term.coefficient != 0 {
                                let scaled = abs(term.coefficient) * (factor * other[term.variable.index])
                                if first || scaled < low { low = scaled }
                                if first || scaled > high { high = scaled }
                                first = false
                            }
                        }
                        body(i, low, high)
                    }
                }
            }
        }
    }

    /// The smallest and largest scaled magnitude of each column, handed to `body` column by
    /// column; (1, 1) for an empty column.
    private func columnExtremes(_ body: (Int, Double, Double) -> Void) {
        columnStarts.withUnsafeBufferPointer { starts in
            columnRows.withUnsafeBufferPointer { rows in
                columnValues.withUnsafeBufferPointer { values in
                    columnFactors.withUnsafeBufferPointer { own in
                        rowFactors.withUnsafeBufferPointer { other in
                            for j in 0..<own.count {
                                let (start, end) = (starts[j], starts[j + 1])
                                guard start < end else {
                                    body(j, 1, 1)
                                    continue
                                }
                                let factor = own[j]
                                var low = values[start] * (factor * other[Int(rows[start])])
                                var high = low
                                var k = start + 1
                                while k < end {
                                    let scaled = values[k] * (factor * other[Int(rows[k])])
                                    if scaled < low { low = scaled }
                                    if scaled > high { high = scaled }
                                    k += 1
                                }
                                body(j, low, high)
                            }
                        }
                    }
                }
            }
        }
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

    /// The largest ratio of largest to smallest scaled magnitude over the rows (or the columns,
    /// with ``columnExtremes(_:)``).
    private static func worstRatio(_ extremes: ((Int, Double, Double) -> Void) -> Void) -> Double {
        var worst = 1.0
        extremes { line, low, high in
            let ratio = high / low
            if line == 0 || ratio > worst { worst = ratio }
        }
        return worst
    }

    /// Whether the rows' worst ratio is above the columns': then GLPK scales the columns first.
    private var columnsFirst: Bool { Self.worstRatio(rowExtremes) > Self.worstRatio(columnExtremes) }

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
        // The order is chosen once for the geometric-mean passes, and again for equilibration.
        let order = columnsFirst
        var ratio = 0.0
        for k in 1...15 {
            let previous = ratio
            let extremes = matrixExtremes()
            ratio = extremes.high / extremes.low
            if k > 1 && ratio > 0.90 * previous { break }
            pass(columnsFirst: order, geometricMean: true)
        }
        pass(columnsFirst: columnsFirst, geometricMean: false)
    }
}
