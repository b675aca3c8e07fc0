import CZlib

/// Reads zip archives (the container of XLSX files) held in memory, defensively.
///
/// Every entry is checked before it is inflated: its declared size must be at most
/// ``Limits/entrySize`` and, above a mebibyte, at most ``Limits/ratio`` times its compressed
/// size (a zip bomb declares gigabytes or compresses a thousandfold); inflating stops at the
/// declared size, so an entry that lies about its size is refused without using more memory than
/// it declared. Truncated archives, encryption and zip64 are refused with a message.
public struct ZipArchive: Sendable {
    /// Bounds on what an archive may make the reader allocate.
    public struct Limits: Sendable {
        /// The largest uncompressed entry read.
        public var entrySize: Int
        /// The largest ratio of uncompressed to compressed size, for entries above a mebibyte.
        public var ratio: Int
        /// The largest total of uncompressed sizes read from one archive.
        public var totalSize: Int

        public init(entrySize: Int = 256 << 20, ratio: Int = 200, totalSize: Int = 512 << 20) {
            self.entrySize = entrySize
            self.ratio = ratio
            self.totalSize = totalSize
        }
    }

    /// One file in the archive, as its central directory lists it.
    public struct Entry: Sendable {
        public let name: String
        let method: UInt16
        let flags: UInt16
        let crc: UInt32
        public let compressedSize: Int
        public let uncompressedSize: Int
        let headerOffset: Int
    }

    let bytes: [UInt8]
    public let entries: [Entry]
    public let limits: Limits

    /// Reads the archive's central directory.
    ///
    /// - Throws: ``SpreadsheetError`` for a file that is not a zip archive, a truncated one, or
    ///   one in a form not read here (zip64, encryption).
    public init(bytes: [UInt8], limits: Limits = Limits()) throws(SpreadsheetError) {
        self.bytes = bytes
        self.limits = limits
        let notZip = "it is not an XLSX file (an XLSX file is a zip archive), or it is truncated: save it again from the spreadsheet application"
        guard bytes.count >= 22 else { throw SpreadsheetError(notZip) }
        // The end of central directory record: its signature within the last 64 KiB + 22 bytes.
        var end = -1
        var index = bytes.count - 22
        let lowest = max(0, bytes.count - 22 - 65_535)
        while index >= lowest {
            if bytes[index] == 0x50, bytes[index + 1] == 0x4B, bytes[index + 2] == 0x05, bytes[index + 3] == 0x06 {
                end = index
                break
            }
            index -= 1
        }
        guard end >= 0 else {
            let startsLikeZip = bytes.count >= 4 && bytes[0] == 0x50 && bytes[1] == 0x4B && bytes[2] == 0x03 && bytes[3] == 0x04
            throw SpreadsheetError(startsLikeZip
                ? "the file is truncated: its zip archive has no end (the file was cut short while copied or downloaded); save it again"
                : notZip)
        }
        let count = Int(Self.u16(bytes, end + 10))
        let directorySize = Int(Self.u32(bytes, end + 12))
        let directoryOffset = Int(Self.u32(bytes, end + 16))
        if count == 0xFFFF || directoryOffset == 0xFFFF_FFFF {
            throw SpreadsheetError("the archive is in zip64 form, which is not read here; save the workbook again as .xlsx")
        }
        guard directoryOffset + directorySize <= end else {
            throw SpreadsheetError("the file is truncated or damaged: its zip directory lies outside the file; save it again")
        }
        var entries: [Entry] = []
        var offset = directoryOffset
        for _ in 0..<count {
            guard offset + 46 <= end, Self.u32(bytes, offset) == 0x0201_4B50 else {
                throw SpreadsheetError("the file is damaged: its zip directory is broken; save it again")
            }
            let nameLength = Int(Self.u16(bytes, offset + 28))
            let extraLength = Int(Self.u16(bytes, offset + 30))
            let commentLength = Int(Self.u16(bytes, offset + 32))
            guard offset + 46 + nameLength <= end else {
                throw SpreadsheetError("the file is damaged: its zip directory is broken; save it again")
            }
            let name = String(decoding: bytes[(offset + 46)..<(offset + 46 + nameLength)], as: UTF8.self)
            let compressed = Int(Self.u32(bytes, offset + 20))
            let uncompressed = Int(Self.u32(bytes, offset + 24))
            let header = Int(Self.u32(bytes, offset + 42))
            if compressed == 0xFFFF_FFFF || uncompressed == 0xFFFF_FFFF || header == 0xFFFF_FFFF {
                throw SpreadsheetError("the archive is in zip64 form, which is not read here; save the workbook again as .xlsx")
            }
            entries.append(Entry(
                name: name, method: Self.u16(bytes, offset + 10), flags: Self.u16(bytes, offset + 8),
                crc: Self.u32(bytes, offset + 16), compressedSize: compressed, uncompressedSize: uncompressed,
                headerOffset: header))
            offset += 46 + nameLength + extraLength + commentLength
        }
        self.entries = entries
    }

    /// The entry with this name (exact, then ignoring case and a leading slash).
    public func entry(named name: String) -> Entry? {
        let wanted = name.hasPrefix("/") ? String(name.dropFirst()) : name
        return entries.first { $0.name == wanted } ?? entries.first { $0.name.lowercased() == wanted.lowercased() }
    }

    /// The uncompressed bytes of an entry, checked against the limits and its CRC.
    public func contents(of entry: Entry) throws(SpreadsheetError) -> [UInt8] {
        let name = entry.name
        if entry.flags & 1 != 0 {
            throw SpreadsheetError("the workbook is encrypted (password-protected); save a copy without a password")
        }
        if entry.uncompressedSize > limits.entrySize {
            throw SpreadsheetError(
                "\(name) declares \(entry.uncompressedSize) bytes uncompressed, more than the \(limits.entrySize >> 20) MiB read from one part; refused (is it a zip bomb?)")
        }
        if entry.uncompressedSize > 1 << 20, entry.uncompressedSize / max(entry.compressedSize, 1) > limits.ratio {
            throw SpreadsheetError(
                "\(name) would inflate \(entry.uncompressedSize / max(entry.compressedSize, 1)) times (from \(entry.compressedSize) to \(entry.uncompressedSize) bytes), more than the \(limits.ratio) times any spreadsheet needs; refused (is it a zip bomb?)")
        }
        let truncated = SpreadsheetError("the file is truncated: \(name) ends early (the file was cut short); save it again")
        let local = entry.headerOffset
        guard local + 30 <= bytes.count else { throw truncated }
        guard Self.u32(bytes, local) == 0x0403_4B50 else {
            throw SpreadsheetError("the file is damaged: \(name) is not where the zip directory says; save it again")
        }
        let start = local + 30 + Int(Self.u16(bytes, local + 26)) + Int(Self.u16(bytes, local + 28))
        guard start + entry.compressedSize <= bytes.count else { throw truncated }
        let data: [UInt8]
        switch entry.method {
        case 0:
            guard entry.compressedSize == entry.uncompressedSize else {
                throw SpreadsheetError("the file is damaged: \(name) is stored with two different sizes; save it again")
            }
            data = Array(bytes[start..<(start + entry.compressedSize)])
        case 8:
            // One byte more than declared: an entry that fills it is larger than it says.
            var output = [UInt8](repeating: 0, count: entry.uncompressedSize + 1)
            var produced = 0
            let status = bytes.withUnsafeBufferPointer { input in
                output.withUnsafeMutableBufferPointer { out in
                    allot_inflate_raw(input.baseAddress! + start, entry.compressedSize, out.baseAddress!, out.count, &produced)
                }
            }
            switch status {
            case 0 where produced == entry.uncompressedSize: break
            case 0, 1:
                throw SpreadsheetError(
                    "\(name) inflates to more (or less) than the \(entry.uncompressedSize) bytes it declares; refused (is it a zip bomb?)")
            case 2: throw SpreadsheetError("the file is damaged or truncated: \(name) cannot be inflated; save it again")
            default: throw SpreadsheetError("zlib could not inflate \(name)")
            }
            output.removeLast()
            data = output
        default:
            throw SpreadsheetError("\(name) is compressed with method \(entry.method), which is not read here (only deflate); save the workbook again")
        }
        let crc = data.withUnsafeBufferPointer { UInt32(truncatingIfNeeded: allot_crc32($0.baseAddress, $0.count)) }
        guard crc == entry.crc else {
            throw SpreadsheetError("the file is damaged: \(name) fails its checksum; save it again")
        }
        return data
    }

    static func u16(_ bytes: [UInt8], _ offset: Int) -> UInt16 {
        UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8
    }

    static func u32(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
        UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16 | UInt32(bytes[offset + 3]) << 24
    }
}

/// Writes zip archives deterministically: entries in the order given, deflated at level 6, every
/// timestamp 1980-01-01 00:00 and no extra fields, so the same entries give the same bytes.
public struct ZipWriter: Sendable {
    private var output: [UInt8] = []
    private var directory: [UInt8] = []
    private var count = 0

    public init() {}

    /// Adds a file.
    public mutating func add(_ name: String, _ contents: [UInt8]) {
        let crc = contents.withUnsafeBufferPointer { UInt32(truncatingIfNeeded: allot_crc32($0.baseAddress, $0.count)) }
        var compressed = [UInt8](repeating: 0, count: allot_deflate_bound(contents.count))
        var produced = 0
        let status = contents.withUnsafeBufferPointer { input in
            compressed.withUnsafeMutableBufferPointer { out in
                allot_deflate_raw(input.baseAddress, input.count, out.baseAddress!, out.count, &produced, 6)
            }
        }
        var method: UInt16 = 8
        if status == 0, produced < contents.count {
            compressed.removeSubrange(produced...)
        } else {
            method = 0
            compressed = contents
        }
        let nameBytes = Array(name.utf8)
        let offset = output.count
        // Local file header.
        Self.put32(&output, 0x0403_4B50)
        Self.put16(&output, 20)  // version needed
        Self.put16(&output, 0x0800)  // UTF-8 names
        Self.put16(&output, method)
        Self.put16(&output, 0)  // time 00:00
        Self.put16(&output, 0x21)  // date 1980-01-01
        Self.put32(&output, crc)
        Self.put32(&output, UInt32(compressed.count))
        Self.put32(&output, UInt32(contents.count))
        Self.put16(&output, UInt16(nameBytes.count))
        Self.put16(&output, 0)
        output += nameBytes
        output += compressed
        // Central directory record.
        Self.put32(&directory, 0x0201_4B50)
        Self.put16(&directory, 20)  // made by
        Self.put16(&directory, 20)
        Self.put16(&directory, 0x0800)
        Self.put16(&directory, method)
        Self.put16(&directory, 0)
        Self.put16(&directory, 0x21)
        Self.put32(&directory, crc)
        Self.put32(&directory, UInt32(compressed.count))
        Self.put32(&directory, UInt32(contents.count))
        Self.put16(&directory, UInt16(nameBytes.count))
        Self.put16(&directory, 0)  // extra
        Self.put16(&directory, 0)  // comment
        Self.put16(&directory, 0)  // disk
        Self.put16(&directory, 0)  // internal attributes
        Self.put32(&directory, 0)  // external attributes
        Self.put32(&directory, UInt32(offset))
        directory += nameBytes
        count += 1
    }

    /// The whole archive.
    public func finished() -> [UInt8] {
        var bytes = output + directory
        Self.put32(&bytes, 0x0605_4B50)
        Self.put16(&bytes, 0)
        Self.put16(&bytes, 0)
        Self.put16(&bytes, UInt16(count))
        Self.put16(&bytes, UInt16(count))
        Self.put32(&bytes, UInt32(directory.count))
        Self.put32(&bytes, UInt32(output.count))
        Self.put16(&bytes, 0)
        return bytes
    }

    static func put16(_ bytes: inout [UInt8], _ value: UInt16) {
        bytes.append(UInt8(value & 0xFF))
        bytes.append(UInt8(value >> 8))
    }

    static func put32(_ bytes: inout [UInt8], _ value: UInt32) {
        for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8((value >> UInt32(shift)) & 0xFF)) }
    }
}
