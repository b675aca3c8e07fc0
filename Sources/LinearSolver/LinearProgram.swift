/// A linear or mixed-integer program: variables with bounds, linear rows with bounds, and a linear
/// objective to minimize or maximize.
///
/// `LinearProgram` is a plain value: building one never touches the solver. Hand it to ``Solver``
/// to solve it, or write it to an MPS or CPLEX LP file with ``write(to:format:)``.
///
/// ```swift
/// var lp = LinearProgram(sense: .maximize)
/// let x = lp.addVariable(name: "x", lowerBound: 0, upperBound: 4, objective: 3)
/// let y = lp.addVariable(name: "y", lowerBound: 0, objective: 2)
/// lp.addConstraint(name: "capacity", terms: [(x, 1), (y, 1)], upperBound: 6)
/// let solution = try Solver(lp).solve()
/// ```
///
/// A bound of `nil` means "no bound". Every number must be finite; the solver refuses NaN and
/// infinities rather than passing them on (see ``SolverError``).
public struct LinearProgram: Sendable {
    /// Whether the objective is minimized or maximized.
    public enum Sense: String, Sendable, Codable {
        case minimize
        case maximize
    }

    /// The domain of a variable.
    public enum VariableKind: String, Sendable, Codable {
        case continuous
        case integer
        /// An integer variable in [0, 1]; its bounds are fixed by its kind.
        case binary
    }

    /// A variable (a column of the program).
    public struct Variable: Sendable, Equatable {
        public var name: String
        public var lowerBound: Double?
        public var upperBound: Double?
        public var kind: VariableKind
        /// The variable's coefficient in the objective.
        public var objective: Double
    }

    /// A linear row: `lowerBound <= sum(coefficient * variable) <= upperBound`.
    public struct Constraint: Sendable, Equatable {
        public var name: String
        /// Nonzero coefficients, one per variable, in the order they were given.
        public var terms: [Term]
        public var lowerBound: Double?
        public var upperBound: Double?
    }

    /// One coefficient of a row.
    public struct Term: Sendable, Equatable {
        public var variable: VariableID
        public var coefficient: Double

        public init(_ variable: VariableID, _ coefficient: Double) {
            self.variable = variable
            self.coefficient = coefficient
        }
    }

    /// The position of a variable in its program.
    public struct VariableID: Hashable, Sendable, Comparable, CustomStringConvertible {
        public let index: Int
        public init(_ index: Int) { self.index = index }
        public static func < (a: Self, b: Self) -> Bool { a.index < b.index }
        public var description: String { "variable \(index)" }
    }

    /// The position of a constraint in its program.
    public struct ConstraintID: Hashable, Sendable, Comparable, CustomStringConvertible {
        public let index: Int
        public init(_ index: Int) { self.index = index }
        public static func < (a: Self, b: Self) -> Bool { a.index < b.index }
        public var description: String { "constraint \(index)" }
    }

    /// The program's name, written into MPS and LP files.
    public var name: String
    public var sense: Sense
    /// A constant added to the objective.
    public var objectiveConstant: Double
    public internal(set) var variables: [Variable] = []
    public internal(set) var constraints: [Constraint] = []

    public init(name: String = "", sense: Sense = .minimize, objectiveConstant: Double = 0) {
        self.name = name
        self.sense = sense
        self.objectiveConstant = objectiveConstant
    }

    /// Whether any variable must take whole values.
    public var hasIntegerVariables: Bool {
        variables.contains { $0.kind != .continuous }
    }

    /// The number of nonzero coefficients over all rows.
    public var nonzeroCount: Int {
        constraints.reduce(0) { $0 + $1.terms.count }
    }

    /// Adds a variable and returns its id.
    ///
    /// - Parameters:
    ///   - name: an optional name, used in files and messages.
    ///   - lowerBound: the least value, or `nil` for none. Defaults to 0.
    ///   - upperBound: the greatest value, or `nil` for none.
    ///   - kind: continuous, integer or binary. A binary variable's bounds are 0 and 1.
    ///   - objective: the variable's objective coefficient.
    @discardableResult
    public mutating func addVariable(
        name: String = "",
        lowerBound: Double? = 0,
        upperBound: Double? = nil,
        kind: VariableKind = .continuous,
        objective: Double = 0
    ) -> VariableID {
        let isBinary = kind == .binary
        variables.append(
            Variable(
                name: name,
                lowerBound: isBinary ? 0 : lowerBound,
                upperBound: isBinary ? 1 : upperBound,
                kind: kind,
                objective: objective))
        return VariableID(variables.count - 1)
    }

    /// Adds a row `lowerBound <= sum(terms) <= upperBound` and returns its id.
    ///
    /// Terms naming the same variable twice are added together; zero coefficients are dropped.
    @discardableResult
    public mutating func addConstraint(
        name: String = "",
        terms: [(VariableID, Double)],
        lowerBound: Double? = nil,
        upperBound: Double? = nil
    ) -> ConstraintID {
        constraints.append(
            Constraint(
                name: name,
                terms: Self.merged(terms.map { Term($0.0, $0.1) }),
                lowerBound: lowerBound,
                upperBound: upperBound))
        return ConstraintID(constraints.count - 1)
    }

    /// Adds an equality row `sum(terms) == value`.
    @discardableResult
    public mutating func addConstraint(
        name: String = "", terms: [(VariableID, Double)], equalTo value: Double
    ) -> ConstraintID {
        addConstraint(name: name, terms: terms, lowerBound: value, upperBound: value)
    }

    /// Changes a variable's bounds.
    public mutating func setBounds(of variable: VariableID, lower: Double?, upper: Double?) {
        variables[variable.index].lowerBound = lower
        variables[variable.index].upperBound = upper
    }

    /// Changes a constraint's bounds.
    public mutating func setBounds(of constraint: ConstraintID, lower: Double?, upper: Double?) {
        constraints[constraint.index].lowerBound = lower
        constraints[constraint.index].upperBound = upper
    }

    /// Changes a variable's objective coefficient.
    public mutating func setObjective(of variable: VariableID, to coefficient: Double) {
        variables[variable.index].objective = coefficient
    }

    /// The objective value of a point, constant included.
    public func objectiveValue(at values: [Double]) -> Double {
        var total = objectiveConstant
        for (index, variable) in variables.enumerated() where variable.objective != 0 {
            total += variable.objective * values[index]
        }
        return total
    }

    /// The activity of a row at a point.
    public func activity(of constraint: ConstraintID, at values: [Double]) -> Double {
        constraints[constraint.index].terms.reduce(0) { $0 + $1.coefficient * values[$1.variable.index] }
    }

    /// Sums repeated variables and drops zero coefficients, keeping first-appearance order.
    static func merged(_ terms: [Term]) -> [Term] {
        // Rows usually list each variable once, in increasing order: nothing to add together.
        var increasing = true
        for index in terms.indices.dropFirst() where terms[index].variable.index <= terms[index - 1].variable.index {
            increasing = false
            break
        }
        if increasing { return terms.allSatisfy({ $0.coefficient != 0 }) ? terms : terms.filter { $0.coefficient != 0 } }
        // A long row over a dense range of variables: positions in an array, not a dictionary.
        if terms.count > 32, let low = terms.map(\.variable.index).min(), let high = terms.map(\.variable.index).max(),
           low >= 0, high < 4 * terms.count + 1024
        {
            var at = [Int](repeating: -1, count: high + 1)
            var result: [Term] = []
            result.reserveCapacity(terms.count)
            for term in terms {
                let slot = at[term.variable.index]
                if slot >= 0 {
                    result[slot].coefficient += term.coefficient
                } else {
                    at[term.variable.index] = result.count
                    result.append(term)
                }
            }
            return result.filter { $0.coefficient != 0 }
        }
        var position: [VariableID: Int] = [:]
        var result: [Term] = []
        result.reserveCapacity(terms.count)
        for term in terms {
            if let at = position[term.variable] {
                result[at].coefficient += term.coefficient
            } else {
                position[term.variable] = result.count
                result.append(term)
            }
        }
        // NaN is kept so that validation can report it.
        return result.filter { $0.coefficient != 0 }
    }
}
