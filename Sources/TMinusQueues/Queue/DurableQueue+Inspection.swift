public import TMinusCore
import TMinusSQLite

extension DurableQueue {
    /// A snapshot of `queue` at `now`: depths by state, dead letters, lag and totals.
    public func stats(for queue: QueueName, now: Timestamp) throws(QueueError) -> QueueStats {
        try stats(for: [queue], now: now)[0]
    }

    /// A snapshot of each of `queues` at `now`, in the order given, read in one transaction with
    /// three grouped queries whatever the number of queues (a queue nobody used has zeros).
    public func stats(for queues: [QueueName], now: Timestamp) throws(QueueError) -> [QueueStats] {
        let at = SQLiteValue.integer(now.nanosecondsSinceEpoch)
        return try read {
            var counts: [String: Row] = [:]
            let countRows = try connection.query(
                """
                SELECT
                    queue,
                    coalesce(sum(visible_at <= ?1), 0) AS ready,
                    coalesce(sum(visible_at > ?1 AND lease IS NULL), 0) AS delayed,
                    coalesce(sum(visible_at > ?1 AND lease IS NOT NULL), 0) AS leased,
                    min(CASE WHEN visible_at <= ?1 THEN enqueued_at END) AS oldest_ready,
                    min(CASE WHEN visible_at > ?1 THEN visible_at END) AS next_visible
                FROM queue_messages GROUP BY queue
                """, [at])
            for row in countRows { counts[try row.get("queue")] = row }
            var deadLettered: [String: Int] = [:]
            for row in try connection.query("SELECT queue, count(*) AS dead FROM queue_dead_letters GROUP BY queue") {
                deadLettered[try row.get("queue")] = try row.get("dead")
            }
            var totals: [String: [QueueCounter: Int]] = [:]
            for row in try connection.query("SELECT queue, counter, value FROM queue_counters") {
                guard let counter = QueueCounter(rawValue: try row.get("counter")) else { continue }
                totals[try row.get("queue"), default: [:]][counter] = try row.get("value")
            }
            return try queues.map { queue in
                let counts = counts[queue.rawValue]
                return QueueStats(
                    queue: queue, ready: try counts?.get("ready") ?? 0, delayed: try counts?.get("delayed") ?? 0,
                    leased: try counts?.get("leased") ?? 0, deadLettered: deadLettered[queue.rawValue] ?? 0,
                    oldestReadyEnqueuedAt: try counts?.optional("oldest_ready", as: Int64.self).map(Self.timestamp),
                    nextVisibleAt: try counts?.optional("next_visible", as: Int64.self).map(Self.timestamp),
                    totals: totals[queue.rawValue] ?? [:])
            }
        }
    }

    /// Live messages of `queue` (ready, delayed and leased): the queue's depth.
    public func depth(of queue: QueueName) throws(QueueError) -> Int {
        try read {
            try connection.scalar(
                "SELECT count(*) FROM queue_messages WHERE queue = ?", [.text(queue.rawValue)], as: Int.self) ?? 0
        }
    }

    /// The ready message of `queue` that has waited longest since it was enqueued (nil when none is ready).
    public func oldestVisible(in queue: QueueName, now: Timestamp) throws(QueueError) -> QueueMessage? {
        try read {
            let row = try connection.queryOne(
                "SELECT \(QueueStorage.messageColumns) FROM queue_messages WHERE queue = ? AND visible_at <= ? "
                    + "ORDER BY enqueued_at, seq LIMIT 1",
                [.text(queue.rawValue), .integer(now.nanosecondsSinceEpoch)])
            return try row.map { try QueueStorage.message(from: $0) }
        }
    }

    /// The next instant after `now` at which a delayed or leased message of `queue` becomes visible
    /// (nil when there is none): how long an idle consumer may sleep.
    public func nextVisibleAt(in queue: QueueName, after now: Timestamp) throws(QueueError) -> Timestamp? {
        try read {
            try connection.scalar(
                "SELECT min(visible_at) FROM queue_messages WHERE queue = ? AND visible_at > ?",
                [.text(queue.rawValue), .integer(now.nanosecondsSinceEpoch)], as: Int64.self
            ).map(Self.timestamp)
        }
    }

    /// Live messages of `queue` in enqueue order, for inspection (does not lease anything).
    public func messages(in queue: QueueName, limit: Int = .max) throws(QueueError) -> [QueueMessage] {
        try read {
            try connection.query(
                "SELECT \(QueueStorage.messageColumns) FROM queue_messages WHERE queue = ? ORDER BY seq LIMIT ?",
                [.text(queue.rawValue), .integer(Int64(clamping: limit))]
            ).map { try QueueStorage.message(from: $0) }
        }
    }

    /// The depth, dead letters and deliveries of each of `queues`, in the order given (a queue
    /// nobody used has zeros): what a caller sampling at every step needs of ``stats(for:now:)``.
    ///
    /// On a connection that owns its file alone the queue keeps these numbers up to date itself
    /// (``DepthTally``), so while nothing but its own operations wrote since the last read, no row
    /// is read. Otherwise they are read in one transaction with one statement per queue that only
    /// counts index entries, for every configured queue and each of `queues`.
    public func depths(for queues: [QueueName]) throws(QueueError) -> [QueueDepth] {
        if let tally = depthTally, let stamp = connection.changeStamp, tally.stamp == stamp,
            let tallied = tally.depths(of: queues)
        {
            return tallied
        }
        let read = try readDepths(for: queueNames + queues.filter { configurationsByName[$0] == nil })
        let byName = Dictionary(read.map { ($0.queue, $0) }, uniquingKeysWith: { first, _ in first })
        if let stamp = connection.changeStamp { depthTally = DepthTally(stamp: stamp, depths: byName) }
        return queues.map { byName[$0] ?? QueueDepth(queue: $0, depth: 0, deadLettered: 0, delivered: 0) }
    }

    /// ``depths(for:)`` read from the rows, whatever the tally holds.
    func readDepths(for queues: [QueueName]) throws(QueueError) -> [QueueDepth] {
        try read {
            try queues.map { queue in
                guard let row = try connection.queryOne(QueueStorage.depthSQL, [.text(queue.rawValue)]) else {
                    return QueueDepth(queue: queue, depth: 0, deadLettered: 0, delivered: 0)
                }
                return QueueDepth(
                    queue: queue, depth: try row.get("depth"), deadLettered: try row.get("dead"),
                    delivered: try row.get("delivered"))
            }
        }
    }

    /// The text values of top-level `fields` of the JSON payloads `queue` still holds — its live
    /// messages (ready, delayed or leased) in enqueue order, then its dead letters in dead-letter
    /// order — one array per message with one entry per field: nil where the field is missing or
    /// not a string; a message whose payload is not valid JSON is left out. SQLite reads the
    /// fields, so a caller that needs a few fields of many messages (the simulator's durability
    /// check) decodes no whole payload; and since a stored payload never changes, the fields read
    /// are remembered by message ID, so a later call reads only the IDs while no new message came.
    /// - Precondition: each field is a plain key (ASCII letters, digits and `_`).
    public func payloadFields(_ fields: [String], in queue: QueueName) throws(QueueError) -> [[String?]] {
        precondition(!fields.isEmpty, "payloadFields: no field asked for")
        for field in fields {
            precondition(Self.isPlainKey(field), "payloadFields: \(field) is not a plain JSON key")
        }
        let memoKey = ([queue.rawValue] + fields).joined(separator: " ")
        return try read {
            var ids: [String] = []
            for table in ["queue_messages", "queue_dead_letters"] {
                for row in try connection.query("SELECT id FROM \(table) WHERE queue = ? ORDER BY seq", [.text(queue.rawValue)]) {
                    ids.append(try row.get("id"))
                }
            }
            var known = payloadFieldsRead[memoKey] ?? [:]
            if ids.contains(where: { known[$0] == nil }) {
                known = try readPayloadFields(fields, in: queue)
                payloadFieldsRead[memoKey] = known
            }
            return ids.compactMap { known[$0] ?? nil }
        }
    }

    /// The text values of `fields` of every payload `queue` holds, live and dead, by message ID (a
    /// nil entry: the payload is not valid JSON). SQLite reads the fields, so no payload is decoded.
    private func readPayloadFields(_ fields: [String], in queue: QueueName) throws -> [String: [String?]?] {
        let columns = fields.indices.map { index in
            "CASE WHEN json_valid(payload) AND json_type(payload, ?\(index + 2)) = 'text' "
                + "THEN json_extract(payload, ?\(index + 2)) END AS f\(index)"
        }.joined(separator: ", ")
        let arguments = [SQLiteValue.text(queue.rawValue)] + fields.map { SQLiteValue.text("$.\($0)") }
        var read: [String: [String?]?] = [:]
        for table in ["queue_messages", "queue_dead_letters"] {
            let rows = try connection.query(
                "SELECT id, json_valid(payload) AS valid, \(columns) FROM \(table) WHERE queue = ?1", arguments)
            for row in rows {
                let values = try fields.indices.map { index throws in try row.optional("f\(index)", as: String.self) }
                read[try row.get("id")] = try row.get("valid", as: Bool.self) ? values : nil
            }
        }
        return read
    }

    private static func isPlainKey(_ key: String) -> Bool {
        !key.isEmpty
            && key.utf8.allSatisfy { byte in
                byte == UInt8(ascii: "_") || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20)
                    || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
            }
    }

    private static func timestamp(_ nanoseconds: Int64) -> Timestamp { Timestamp(nanosecondsSinceEpoch: nanoseconds) }
}
