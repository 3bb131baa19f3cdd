#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// The IOPub socket, shared by the shell thread, the interpreter's thread (output while a
/// cell runs) and the control thread (timed flushes, welcomes) behind one lock; the lock is
/// also the memory barrier zmq asks for when a socket changes threads.
///
/// Stream text is batched: it is sent as one `stream` message when 50 ms have passed since
/// the last one, at 64 KiB, before any other message, and when ``flushStream()`` is called
/// (end of a cell; the control thread's timer every 50 ms). A print-per-line loop thus
/// stays far below the message rate at which Jupyter's server starts dropping output.
final class Publisher: @unchecked Sendable {
    private let socket: ZMQSocket
    private let signer: Signer
    let session: String
    private var mutex = pthread_mutex_t()
    private var pending: [UInt8] = []
    private var pendingName = "stdout"
    private var pendingParent: [UInt8] = []
    private var lastSend = 0.0
    private var closed = false
    static let batchSeconds = 0.05
    static let batchBytes = 64 << 10

    init(socket: ZMQSocket, signer: Signer, session: String) {
        self.socket = socket
        self.signer = signer
        self.session = session
        pthread_mutex_init(&mutex, nil)
    }

    private func locked<T>(_ body: () -> T) -> T {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        return body()
    }

    /// Publishes one message (after any batched stream text).
    func publish(_ type: String, _ content: JSON, parent: [UInt8], metadata: JSON = .object([])) {
        locked {
            sendPending()
            send(type, content, parent: parent, metadata: metadata)
        }
    }

    /// `status: busy` or `idle` for the request whose header is `parent`.
    func status(_ state: String, parent: [UInt8]) {
        publish("status", .object([("execution_state", .string(state))]), parent: parent)
    }

    /// Adds `text` to the batched `name` stream (stdout or stderr) of the request `parent`.
    func stream(_ name: String, _ text: String, parent: [UInt8]) {
        locked {
            if !pending.isEmpty && (name != pendingName || parent != pendingParent) { sendPending() }
            pendingName = name
            pendingParent = parent
            pending += Array(text.utf8)
            if pending.count >= Self.batchBytes || now() - lastSend >= Self.batchSeconds { sendPending() }
        }
    }

    /// Closes the socket (at shutdown); later messages are dropped.
    func close() {
        locked {
            sendPending()
            closed = true
            socket.close()
        }
    }

    /// Sends the batched stream text now.
    func flushStream() { locked { sendPending() } }

    /// Sends batched text older than the batching interval (the control thread's timer).
    func flushStale() {
        locked { if !pending.isEmpty && now() - lastSend >= Self.batchSeconds { sendPending() } }
    }

    /// Answers new subscriptions on the XPUB socket with `iopub_welcome` (JEP 65), so a client
    /// knows its subscription is in place before it sends requests.
    func welcomeSubscribers() {
        locked {
            while !closed, let frames = try? socket.receive(dontWait: true) {
                guard let frame = frames.first, frame.first == 1 else { continue }
                let topic = String(decoding: frame.dropFirst(), as: UTF8.self)
                send("iopub_welcome", .object([("subscription", .string(topic))]), parent: Array("{}".utf8))
            }
        }
    }

    private func sendPending() {
        guard !pending.isEmpty else { return }
        let text = String(decoding: pending, as: UTF8.self)
        pending.removeAll(keepingCapacity: true)
        send("stream", .object([("name", .string(pendingName)), ("text", .string(text))]), parent: pendingParent)
    }

    private func send(_ type: String, _ content: JSON, parent: [UInt8], metadata: JSON = .object([])) {
        guard !closed else { return }
        let header = Wire.header(type: type, session: session)
        let topic = Array("kernel.\(session).\(type)".utf8)
        try? socket.send(Wire.encode(identities: [topic], header: header, parent: parent, metadata: metadata,
                                     content: content, signer: signer))
        lastSend = now()
    }

    private func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }
}
