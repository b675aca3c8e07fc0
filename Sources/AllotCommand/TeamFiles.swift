import PlanFormat
import Spreadsheet
import TeamSheets

/// Reading team files (CSV or XLSX) for `allot import`.
enum TeamFiles {
    /// The kind of a team file, from its name and, failing that, its first bytes.
    enum Kind { case csv, xlsx }

    static func kind(of path: String, bytes: [UInt8]) throws -> Kind {
        let lower = path.lowercased()
        if lower.hasSuffix(".xlsx") || lower.hasSuffix(".xlsm") { return .xlsx }
        if lower.hasSuffix(".csv") || lower.hasSuffix(".tsv") || lower.hasSuffix(".txt") { return .csv }
        if lower.hasSuffix(".xls") || lower.hasSuffix(".ods") || lower.hasSuffix(".numbers") {
            throw CommandError(.invalidInput, "\(path): this kind of spreadsheet is not read; save it as .xlsx (Excel workbook) or .csv (CSV UTF-8)")
        }
        return bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) ? .xlsx : .csv
    }

    /// The bytes of a team file.
    static func bytes(_ path: String) throws -> [UInt8] {
        do {
            return try PlanFile.readBytes(path: path)
        } catch {
            let reason: String
            switch error.kind {
            case .notFound: reason = "no such file; check the path"
            case .permissionDenied: reason = "permission denied"
            case .isDirectory: reason = "it is a directory; give the path of a .csv or .xlsx file"
            case .other: reason = error.reason
            }
            throw CommandError(.unreadableInput, "\(path): cannot read the team file: \(reason)")
        }
    }

    /// A team file read into cells; a file that is not a readable spreadsheet is an error of
    /// that file, reported with the others.
    static func read(_ path: String, sheet: String?) throws -> Result<TeamFile, PlanError> {
        let bytes = try bytes(path)
        do {
            switch try kind(of: path, bytes: bytes) {
            case .csv:
                return .success(TeamFile(path: path, sheet: try CSV.read(bytes), isWorkbook: false))
            case .xlsx:
                return .success(TeamFile(path: path, sheet: try XLSX.read(bytes, sheet: sheet), isWorkbook: true))
            }
        } catch let error as SpreadsheetError {
            var location: SourceLocation?
            if let cell = error.cell {
                location = error.sheet.map { .sheet(name: $0, cell: cell.a1) } ?? .csv(row: cell.row, column: cell.column)
            }
            return .failure(PlanError(file: path, path: "", location: location, message: error.message))
        }
    }
}
