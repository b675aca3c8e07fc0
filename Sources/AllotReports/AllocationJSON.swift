import Allot
import PlanFormat

/// The allocation as JSON: the machine-readable form of `allot solve --json` (format
/// ``JSONFormat/version``, models/output/solve.schema.json).
package enum AllocationJSON {
    /// The whole allocation, keys in a stable order.
    ///
    /// A plan without an allocation (infeasible, or stopped before one was found) gets its
    /// identity, status, diagnosis and warnings only: no amount stands for a proposal that does not
    /// exist. `timing` adds `solveSeconds`, the one figure that changes from run to run.
    package static func render(_ allocation: Allocation, timing: Bool = false) -> JSONValue {
        document(allocation, timing: timing).value
    }

    /// ``render(_:timing:)`` as a document to write in pieces: each request and team is made
    /// as it is written, so that a large plan's output never exists whole.
    package static func document(_ allocation: Allocation, timing: Bool = false) -> JSONDocument {
        let plan = allocation.plan
        let words = Words(plan: plan)
        var document = identity(allocation)
        document.append(("status", .string(allocation.misses.isEmpty ? allocation.status.rawValue : "best-effort")))
        if !allocation.misses.isEmpty { document.append(("misses", .array(allocation.misses.map(miss)))) }
        guard hasAllocation(allocation) else {
            document += [
                ("diagnosis", diagnosis(of: allocation, words)),
                ("warnings", .array(allocation.warnings.map { .string($0) })),
                ("resolves", .number(Double(allocation.resolves))),
            ]
            if timing { document.append(("solveSeconds", JSONFormat.seconds(allocation.solveSeconds))) }
            return JSONDocument(document.map { .value($0.key, $0.value) })
        }
        document += [
            ("provenOptimal", .bool(allocation.status == .optimal)),
            ("integer", .object([
                ("needed", .bool(allocation.isInteger)),
                ("reasons", .array(allocation.integerReasons.map { .string(words.integerReason($0)) })),
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
            ("fundingLine", .number(allocation.cutoff)),
            // Format 1's name, kept through format 2.
            ("cutoff", .number(allocation.cutoff)),
            ("leastChange", leastChange(allocation.leastChange)),
        ]
        if !plan.periods.isEmpty {
            document.append(("periodLines", .array(allocation.periods.map { period in
                periodLine(period: period.period, spend: period.spend, budget: period.budget, fundingLine: period.cutoff)
            })))
            // Format 1's name and shape, kept through format 2.
            document.append(("periodCutoffs", .array(allocation.periods.map { period in
                .object([
                    ("period", .string(period.period)),
                    ("spend", .number(period.spend)),
                    ("budget", .number(period.budget)),
                    ("cutoff", .number(period.cutoff)),
                ])
            })))
        }
        let requests = allocation.requests
        let teams = allocation.teams
        let order = kpiOrder(allocation.plan.kpis.map(\.id))
        var members: [JSONDocument.Member] = document.map { .value($0.key, $0.value) }
        members += [
            .objects(
                "requests", count: requests.count, value: { request(requests[$0], kpiOrder: order) },
                text: { request(requests[$0], kpiOrder: order, into: &$1) }),
            .objects("teams", count: teams.count, value: { team(teams[$0]) }, text: { team(teams[$0], into: &$1) }),
        ]
        document = [
            ("kpis", .array(allocation.kpis.map(kpi))),
            ("constraints", .array(allocation.rules.map { rule($0, words) })),
            ("diagnosis", diagnosis(of: allocation, words)),
            ("warnings", .array(allocation.warnings.map { .string($0) })),
            ("programObjective", .number(allocation.programObjective)),
            ("resolves", .number(Double(allocation.resolves))),
        ]
        if timing { document.append(("solveSeconds", JSONFormat.seconds(allocation.solveSeconds))) }
        return JSONDocument(members + document.map { .value($0.key, $0.value) })
    }

    /// How an allocation was chosen among equally good ones (null: not chosen, nothing to choose).
    static func leastChange(_ choice: LeastChangeChoice?) -> JSONValue {
        guard let choice else { return .null }
        return .object([
            ("fromBudget", .number(choice.referenceBudget)),
            ("fromColumn", .string(choice.referenceLabel)),
            ("severalEquallyGood", choice.severalEquallyGood.map { .bool($0) } ?? .null),
            ("moved", .number(choice.moved)),
            ("movedWithoutChoice", .number(choice.movedWithoutChoice)),
        ])
    }

    /// The keys that lead every plan output: the format version and which plan this is.
    static func identity(_ allocation: Allocation) -> [(key: String, value: JSONValue)] {
        [
            JSONFormat.versionMember,
            ("plan", .string(allocation.plan.name)),
            ("scenario", .string(allocation.scenario?.id)),
            ("currency", .string(allocation.plan.currency)),
            ("objective", .string(allocation.plan.objective.rawValue)),
        ]
    }

    /// One period's spend, budget and funding line (the value of one more dollar of its budget).
    static func periodLine(period: String, spend: Double, budget: Double?, fundingLine: Double?) -> JSONValue {
        .object([
            ("period", .string(period)),
            ("spend", .number(spend)),
            ("budget", .number(budget)),
            ("fundingLine", .number(fundingLine)),
        ])
    }

    /// A missed rule: its reference, by how much, in which unit (and for a target, the fraction).
    static func miss(_ miss: Miss) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = [
            ("ref", JSONFormat.reference(miss.ref)),
            ("amount", .number(miss.amount)),
            ("unit", .string(miss.unit.rawValue)),
        ]
        if let fraction = miss.fraction { members.append(("fraction", .number(fraction))) }
        return .object(members)
    }

    /// Whether the allocation's amounts mean anything (not for an infeasible plan).
    static func hasAllocation(_ allocation: Allocation) -> Bool {
        allocation.status == .optimal || allocation.status == .feasible
    }

    /// The positions of KPI ids in the order of the ids themselves: a request's impacts are
    /// written by KPI id.
    static func kpiOrder(_ ids: [String]) -> [Int] {
        ids.indices.sorted { ids[$0] < ids[$1] }
    }

    static func request(_ result: Allocation.RequestResult, kpiOrder: [Int]? = nil) -> JSONValue {
        var object = JSONObjectValue()
        request(result, kpiOrder: kpiOrder ?? Self.kpiOrder(result.kpiIDs), into: &object)
        return object.value
    }

    /// A request's object, described once for its value and its text. `kpiOrder` is
    /// ``kpiOrder(_:)`` of its KPI ids.
    static func request<Builder: JSONObjectBuilder>(
        _ result: Allocation.RequestResult, kpiOrder: [Int], into object: inout Builder
    ) {
        object.add("id", string: result.id)
        object.add("name", string: result.name)
        object.add("team", string: result.team)
        object.add("asked", number: result.asked)
        object.add("committed", number: result.committed)
        object.add("allocated", number: result.allocated)
        object.add("shareOfAsk", number: result.asked > 0 ? result.allocated / result.asked : nil)
        object.add("status", string: result.status.rawValue)
        object.add("aboveAsk", bool: result.isAboveAsk)
        if let unitCost = result.unitCost {
            object.addObject("units") { units in
                units.add("cost", number: unitCost)
                units.add("asked", number: result.unitsAsked)
                units.add("funded", number: result.unitsFunded)
            }
        }
        object.addObject("impact") { impact in
            for k in kpiOrder { impact.add(result.kpiIDs[k], number: result.impacts[k]) }
        }
        object.add("value", number: result.value)
    }

    static func team(_ result: Allocation.TeamResult) -> JSONValue {
        var object = JSONObjectValue()
        team(result, into: &object)
        return object.value
    }

    /// A team's object, described once for its value and its text.
    static func team<Builder: JSONObjectBuilder>(_ result: Allocation.TeamResult, into object: inout Builder) {
        object.add("id", string: result.id)
        object.add("name", string: result.name)
        object.add("owner", string: result.owner)
        object.add("asked", number: result.asked)
        object.add("committed", number: result.committed)
        object.add("newAsks", number: result.newAsks)
        object.add("allocated", number: result.allocated)
        object.add("gap", number: result.gap)
        object.add("unitsAsked", number: result.unitsAsked)
        object.add("unitsFunded", number: result.unitsFunded)
        object.add("value", number: result.value)
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

    static func rule(_ result: Allocation.RuleResult, _ words: Words) -> JSONValue {
        .object([
            ("id", .string(result.id)),
            ("ref", JSONFormat.reference(result.ref)),
            ("name", .string(result.name)),
            ("kind", .string(result.kind)),
            ("binding", .bool(result.binding)),
            ("shadowPrice", .number(result.shadowPrice)),
            ("shadowPriceUnit", .string(words.priceUnit(kind: result.kind, ref: result.ref))),
        ])
    }

    /// An allocation's diagnosis, or null; `cutShort` appears only when the time limit cut it
    /// short, so that output without a time limit reached stays as it was.
    static func diagnosis(of allocation: Allocation, _ words: Words) -> JSONValue {
        guard let diagnosis = allocation.diagnosis else { return .null }
        let sentences = DiagnosisSentences(words, allocation: allocation)
        return .object([
            ("summary", .string(sentences.summary(diagnosis))),
            ("conflicts", .array(diagnosis.conflicts.map { conflict in
                .object([
                    ("set", .number(Double(conflict.set))),
                    ("rule", .string(conflict.rule)),
                    ("ref", JSONFormat.reference(conflict.ref)),
                    ("kind", .string(conflict.kind)),
                    ("description", .string(sentences.description(conflict))),
                    ("relaxation", .string(sentences.relaxation(conflict))),
                    ("current", .number(conflict.current)),
                    ("needed", .number(conflict.needed)),
                    ("fix", conflict.fix.map(edit) ?? .null),
                ] + (conflict.cutShort ? [("cutShort", .bool(true))] : []))
            })),
            ("fixes", .array(diagnosis.conflicts.compactMap { $0.fix.map(edit) })),
            ("jointFix", diagnosis.jointFix.map { joint in
                .object([("edits", .array(joint.edits.map(edit))), ("verified", .bool(joint.verified))])
            } ?? .null),
        ] + (diagnosis.cutShort ? [("cutShort", .bool(true))] : []))
    }

    /// An edit of the plan file: where (a JSON Pointer), what it is, the value there and the new one.
    static func edit(_ edit: PlanEdit) -> JSONValue {
        .object([
            ("path", .string(edit.path)),
            ("ref", JSONFormat.reference(edit.ref)),
            ("from", .number(edit.from)),
            ("to", .number(edit.to)),
        ])
    }
}
