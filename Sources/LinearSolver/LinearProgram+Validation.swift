extension LinearProgram {
    /// The longest name GLPK accepts, in UTF-8 bytes.
    public static let maximumNameLength = 255

    /// Checks every rule that GLPK relies on but does not check itself.
    ///
    /// - Throws: ``SolverError`` of kind `invalidModel`, naming the first offending variable,
    ///   constraint or coefficient.
    public func validate() throws {
        try Self.checkName(name, what: "the program's name")
        try Self.checkFinite(objectiveConstant, what: "the objective constant")
        // A variable is looked at once where it lies; one that does not plainly pass is checked
        // again with its label, which the message names (labels are made only for a failure).
        for index in variables.indices where !Self.plainlyPasses(variables[index]) {
            let variable = variables[index]
            let what = { Self.label("variable", index, variable.name) }
            try Self.checkName(variable.name, what: "the name of \(what())")
            try Self.checkFinite(variable.objective, what: "the objective coefficient of \(what())")
            try Self.checkBounds(variable.lowerBound, variable.upperBound, what: what())
            if variable.kind == .binary, variable.lowerBound != 0 || variable.upperBound != 1 {
                throw SolverError.invalid("\(what()) is binary, so its bounds must be 0 and 1")
            }
        }
        // The row that last listed each variable, to find a variable listed twice in one row.
        var lastRow = [Int](repeating: -1, count: variables.count)
        for (row, constraint) in constraints.enumerated() {
            let what = { Self.label("constraint", row, constraint.name) }
            try Self.checkName(constraint.name, what: "the name of \(what())")
            try Self.checkBounds(constraint.lowerBound, constraint.upperBound, what: what())
            for term in constraint.terms {
                let index = term.variable.index
                guard index >= 0, index < variables.count else {
                    throw SolverError.invalid(
                        "\(what()) refers to variable \(index), but the program has \(variables.count) variables")
                }
                guard lastRow[index] != row else {
                    throw SolverError.invalid(
                        "\(what()) lists \(Self.label("variable", index, variables[index].name)) twice")
                }
                lastRow[index] = row
                try Self.checkFinite(
                    term.coefficient,
                    what: "the coefficient of \(Self.label("variable", index, variables[index].name)) in \(what())")
            }
        }
    }

    /// Whether a variable passes every check of ``validate()`` (false may also mean that the
    /// checks with labels must decide).
    private static func plainlyPasses(_ variable: Variable) -> Bool {
        func inRange(_ value: Double) -> Bool { value.isFinite && abs(value) <= largestMagnitude }
        guard inRange(variable.objective) else { return false }
        if let lower = variable.lowerBound {
            guard inRange(lower) else { return false }
            if let upper = variable.upperBound, lower > upper { return false }
        }
        if let upper = variable.upperBound, !inRange(upper) { return false }
        if variable.kind == .binary, variable.lowerBound != 0 || variable.upperBound != 1 { return false }
        let name = variable.name.utf8
        return name.isEmpty || (name.count <= maximumNameLength && !name.contains(where: { $0 < 0x20 || $0 == 0x7F }))
    }

    static func label(_ noun: String, _ index: Int, _ name: String) -> String {
        name.isEmpty ? "\(noun) \(index)" : "\(noun) \(index) ('\(name)')"
    }

    /// The largest size of any coefficient or bound. GLPK computes with sums and products of
    /// them, and beyond this they overflow to infinity inside it (where its own assertions stop it).
    public static let largestMagnitude = 1e30

    static func checkFinite(_ value: Double, what: @autoclosure () -> String) throws {
        guard value.isFinite else {
            throw SolverError.invalid("\(what()) is \(value); every number must be finite")
        }
        guard abs(value) <= largestMagnitude else {
            throw SolverError.invalid("\(what()) is \(value); numbers beyond 1e30 in size are out of the solver's range")
        }
    }

    static func checkBounds(_ lower: Double?, _ upper: Double?, what: @autoclosure () -> String) throws {
        if let lower {
            guard lower.isFinite else {
                throw SolverError.invalid(
                    "the lower bound of \(what()) is \(lower); use nil for no bound, and finite numbers otherwise")
            }
            try checkFinite(lower, what: "the lower bound of \(what())")
        }
        if let upper {
            guard upper.isFinite else {
                throw SolverError.invalid(
                    "the upper bound of \(what()) is \(upper); use nil for no bound, and finite numbers otherwise")
            }
            try checkFinite(upper, what: "the upper bound of \(what())")
        }
        if let lower, let upper, lower > upper {
            throw SolverError.invalid(
                "the lower bound of \(what()) (\(lower)) is above its upper bound (\(upper))")
        }
    }

    static func checkName(_ name: String, what: @autoclosure () -> String) throws {
        guard name.utf8.count <= maximumNameLength else {
            throw SolverError.invalid(
                "\(what()) is \(name.utf8.count) bytes long; GLPK accepts at most \(maximumNameLength)")
        }
        if name.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F }) {
            throw SolverError.invalid("\(what()) contains a control character, which GLPK does not accept")
        }
    }
}
