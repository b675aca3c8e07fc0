import Allot

/// The allocation as JSON: the machine-readable form of `allot solve --json`.
public enum AllocationJSON {
    /// The whole allocation, keys in a stable order.
    public static func render(_ allocation: Allocation) -> JSONValue {
        let plan = allocation.plan
        var document: [(key: String, value: JSONValue)] = [
            ("plan", .string(plan.name)),
            ("scenario", .string(allocation.scenario?.id)),
            ("currency", .string(plan.currency)),
            ("objective", .string(plan.objective.rawValue)),
            ("status", .string(allocation.status.rawValue)),
            ("provenOptimal", .bool(allocation.status == .optimal)),
            ("integer", .object([
                ("needed", .bool(allocation.isInteger)),
                ("reasons", .array(allocation.integerReasons.map { .string($0) })),
                ("relativeGap", .number(allocation.relativeGap)),
            ])),
            ("budget", .object([
                ("total", .number(plan.budget.total)),
                ("spendAll", .bool(plan.budget.spendAll)),
            ])),
            ("asked", .number(allocation.asked)),
            ("spend", .number(allocation.spend)),
            ("value", .number(allocation.value)),
            ("valueUnit", .string("\(plan.currency)-equivalent worth of KPIs, less soft-target penalties; spend not subtracted")),
            ("cutoff", .number(allocation.cutoff)),
        ]
        if !plan.periods.isEmpty {
            document.append(("periodCutoffs", .array(allocation.periods.map { period in
                .object([
                    ("period", .string(period.period)),
                    ("spend", .number(period.spend)),
                    ("budget", .number(period.budget)),
                    ("cutoff", .number(period.cutoff)),
                ])
            })))
        }
        document += [
            ("requests", .array(allocation.requests.map { hasAllocation(allocation) ? request($0) : withoutAllocation(request($0)) })),
            ("teams", .array(allocation.teams.map { hasAllocation(allocation) ? team($0) : withoutAllocation(team($0)) })),
            ("kpis", .array(allocation.kpis.map(kpi))),
            ("constraints", .array(allocation.rules.map(rule))),
            ("diagnosis", allocation.diagnosis.map(diagnosis) ?? .null),
            ("warnings", .array(allocation.warnings.map { .string($0) })),
            ("programObjective", .number(allocation.programObjective)),
            ("solveSeconds", .number((allocation.solveSeconds * 1e4).rounded() / 1e4)),
        ]
        return .object(document)
    }

    /// Whether the allocation's amounts mean anything (not for an infeasible plan).
    static func hasAllocation(_ allocation: Allocation) -> Bool {
        allocation.status == .optimal || allocation.status == .feasible
    }

    /// An entry with the fields that only an allocation gives set to null.
    static func withoutAllocation(_ value: JSONValue) -> JSONValue {
        guard case .object(let members) = value else { return value }
        let empty: Set<String> = ["allocated", "shareOfAsk", "status", "aboveAsk", "gap", "unitsFunded", "impact", "value"]
        return .object(members.map { empty.contains($0.key) ? ($0.key, .null) : $0 })
    }

    static func request(_ result: Allocation.RequestResult) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = [
            ("id", .string(result.id)),
            ("name", .string(result.name)),
            ("team", .string(result.team)),
            ("asked", .number(result.asked)),
            ("committed", .number(result.committed)),
            ("allocated", .number(result.allocated)),
            ("shareOfAsk", .number(result.asked > 0 ? result.allocated / result.asked : nil)),
            ("status", .string(result.status.rawValue)),
            ("aboveAsk", .bool(result.isAboveAsk)),
        ]
        if let unitCost = result.unitCost {
            members.append(("units", .object([
                ("cost", .number(unitCost)),
                ("asked", .number(result.unitsAsked)),
                ("funded", .number(result.unitsFunded)),
            ])))
        }
        members.append(("impact", .object(result.impact.sorted { $0.key < $1.key }.map { ($0.key, .number($0.value)) })))
        members.append(("value", .number(result.value)))
        return .object(members)
    }

    static func team(_ result: Allocation.TeamResult) -> JSONValue {
        .object([
            ("id", .string(result.id)),
            ("name", .string(result.name)),
            ("owner", .string(result.owner)),
            ("asked", .number(result.asked)),
            ("committed", .number(result.committed)),
            ("newAsks", .number(result.newAsks)),
            ("allocated", .number(result.allocated)),
            ("gap", .number(result.gap)),
            ("unitsAsked", .number(result.unitsAsked)),
            ("unitsFunded", .number(result.unitsFunded)),
            ("value", .number(result.value)),
        ])
    }

    static func kpi(_ result: Allocation.KPIResult) -> JSONValue {
        .object([
            ("id", .string(result.id)),
            ("name", .string(result.name)),
            ("unit", .string(result.unit)),
            ("worth", .number(result.worth)),
            ("achieved", .number(result.achieved)),
            ("target", result.target.map { target in
                .object([
                    ("min", .number(target.min)),
                    ("max", .number(target.max)),
                    ("softPenalty", .number(target.softPenalty)),
                ])
            } ?? .null),
            ("met", result.met.map { .bool($0) } ?? .null),
            ("shortfall", .number(result.shortfall)),
            ("penalty", .number(result.penalty)),
            ("shadowPrice", .number(result.shadowPrice)),
        ])
    }

    static func rule(_ result: Allocation.RuleResult) -> JSONValue {
        .object([
            ("id", .string(result.id)),
            ("name", .string(result.name)),
            ("kind", .string(result.kind)),
            ("binding", .bool(result.binding)),
            ("shadowPrice", .number(result.shadowPrice)),
            ("shadowPriceUnit", .string(result.shadowPriceUnit)),
        ])
    }

    /// A diagnosis; `cutShort` appears only when the time limit cut it short, so that output
    /// without a time limit reached stays as it was.
    static func diagnosis(_ diagnosis: Diagnosis) -> JSONValue {
        .object([
            ("summary", .string(diagnosis.summary)),
            ("conflicts", .array(diagnosis.conflicts.map { conflict in
                .object([
                    ("set", .number(Double(conflict.set))),
                    ("rule", .string(conflict.rule)),
                    ("kind", .string(conflict.kind)),
                    ("description", .string(conflict.description)),
                    ("relaxation", .string(conflict.relaxation)),
                    ("current", .number(conflict.current)),
                    ("needed", .number(conflict.needed)),
                ] + (conflict.cutShort ? [("cutShort", .bool(true))] : []))
            })),
        ] + (diagnosis.cutShort ? [("cutShort", .bool(true))] : []))
    }
}
