import CZMQ
import DZREPL
import DZTensor
@preconcurrency import DZLanguage
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// The dz Jupyter kernel: binds the five sockets of a connection file and serves the
/// messaging protocol (5.3).
///
/// Threads: the main thread is the shell (it runs cells, one at a time, and answers
/// completion, inspection and history between them); a control thread answers shutdown,
/// interrupt and kernel_info, flushes stream text every 50 ms, greets IOPub subscribers
/// and exits when the parent process has gone; a heartbeat thread echoes heartbeats, so
/// they are answered while a cell runs. SIGINT (Jupyter's interrupt) is blocked in the
/// helper threads and sets the flag the interpreter polls; an `interrupt_request` sends
/// the same signal.
public final class Kernel: @unchecked Sendable {
    public static let version = "0.1.0"
    public static let protocolVersion = "5.3"
    let connection: ConnectionInfo
    let signer: Signer
    let session = newUUID()
    let context: UnsafeMutableRawPointer
    let shell: ZMQSocket, control: ZMQSocket, stdinSocket: ZMQSocket, iopub: ZMQSocket, heartbeat: ZMQSocket
    let publisher: Publisher
    let dz: DZSession
    /// The parent process to watch (JPY_PARENT_PID, when it is our parent at start).
    let parentPID: pid_t?

    /// Binds the sockets (with SIGINT blocked, so zmq's own threads never take it).
    public init(connection: ConnectionInfo) throws(KernelError) {
        self.connection = connection
        signer = Signer(key: connection.key)
        Kernel.blockInterrupts(true)
        context = zmq_ctx_new()
        do {
            shell = try ZMQSocket(context: context, type: ZMQ_ROUTER)
            control = try ZMQSocket(context: context, type: ZMQ_ROUTER)
            stdinSocket = try ZMQSocket(context: context, type: ZMQ_ROUTER)
            iopub = try ZMQSocket(context: context, type: ZMQ_XPUB)
            iopub.setOption(ZMQ_XPUB_VERBOSE, 1)
            heartbeat = try ZMQSocket(context: context, type: ZMQ_REP)
            for (socket, port) in [(shell, connection.shellPort), (control, connection.controlPort),
                                   (stdinSocket, connection.stdinPort), (iopub, connection.iopubPort),
                                   (heartbeat, connection.hbPort)] {
                do { try socket.bind(connection.endpoint(port)) } catch {
                    throw KernelError.cannotBind(connection.endpoint(port), error.description)
                }
            }
        } catch let e as KernelError {
            throw e
        } catch {
            throw .cannotBind("zmq", "\(error)")
        }
        publisher = Publisher(socket: iopub, signer: signer, session: session)
        dz = DZSession()
        if let text = getenv("JPY_PARENT_PID").map({ String(cString: $0) }), let pid = pid_t(text), pid == getppid() {
            parentPID = pid
        } else {
            parentPID = nil
        }
    }

    /// Blocks (or unblocks) SIGINT in the calling thread; threads it starts inherit that.
    static func blockInterrupts(_ block: Bool) {
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        pthread_sigmask(block ? SIG_BLOCK : SIG_UNBLOCK, &set, nil)
    }

    /// Serves until shutdown; never returns.
    public func run() -> Never {
        startThread { [self] in heartbeatLoop() }
        startThread { [self] in controlLoop() }
        // The handlers set the flag the interpreter polls; installing them unblocks SIGINT in
        // this thread (and so in the interpreter's threads, which it starts).
        Interrupt.install()
        Kernel.blockInterrupts(false)
        BLASLibrary.preload()
        shellLoop()
    }

    // MARK: - Threads

    private func startThread(_ body: @escaping @Sendable () -> Void) {
        final class Box { let body: @Sendable () -> Void; init(_ b: @escaping @Sendable () -> Void) { body = b } }
        let box = Unmanaged.passRetained(Box(body)).toOpaque()
        var thread = pthread_t()
        pthread_create(&thread, nil, { raw in
            let box = Unmanaged<AnyObject>.fromOpaque(raw!).takeRetainedValue()
            (box as! Box).body()
            return nil
        }, box)
        pthread_detach(thread)
    }

    private func heartbeatLoop() {
        while true {
            guard let frames = try? heartbeat.receive(), let _ = try? heartbeat.send(frames) else {
                heartbeat.close()
                return
            }
        }
    }

    private func controlLoop() {
        while true {
            let ready: [Bool]
            // Only the control socket is polled: the IOPub socket is touched under the
            // publisher's lock alone (a zmq socket is not thread-safe), so its subscriptions
            // are read on each wake-up, at most 50 ms late.
            do { ready = try ZMQSocket.poll([control], milliseconds: 50) } catch {
                control.close()
                return
            }
            publisher.welcomeSubscribers()
            if ready[0] {
                guard let frames = try? control.receive() else {
                    control.close()
                    return
                }
                if let message = decode(frames) { handleControl(message) }
            }
            publisher.flushStale()
            if let parentPID, getppid() != parentPID {
                // The client that started us is gone (killed): nobody will ask us to stop.
                _exit(0)
            }
        }
    }

    private func shellLoop() -> Never {
        while true {
            let frames: [[UInt8]]
            do {
                guard let f = try shell.receive() else { continue }
                frames = f
            } catch {
                // The context was shut down (a shutdown request): the exit comes from there.
                shell.close()
                while true { pause() }
            }
            guard let message = decode(frames) else { continue }
            handleShell(message)
        }
    }

    private func decode(_ frames: [[UInt8]]) -> IncomingMessage? {
        do { return try Wire.decode(frames, signer: signer) } catch {
            // A message that is not signed with our key is dropped, unanswered.
            log("dz-kernel: dropped a message: \(error)\n")
            return nil
        }
    }

    // MARK: - Replies

    func reply(_ socket: ZMQSocket, to request: IncomingMessage, _ content: JSON, metadata: JSON = .object([])) {
        let type = request.type.hasSuffix("_request") ? String(request.type.dropLast(8)) + "_reply" : request.type + "_reply"
        let frames = Wire.encode(identities: request.identities, header: Wire.header(type: type, session: session),
                                 parent: request.headerBytes, metadata: metadata, content: content, signer: signer)
        try? socket.send(frames)
    }

    /// Busy, the handler, idle: every request is bracketed so (a client waits for them).
    private func bracketed(_ request: IncomingMessage, _ body: () -> Void) {
        publisher.status("busy", parent: request.headerBytes)
        body()
        publisher.flushStream()
        publisher.status("idle", parent: request.headerBytes)
    }

    private func handleControl(_ request: IncomingMessage) {
        bracketed(request) {
            switch request.type {
            case "shutdown_request": shutdown(request, on: control)
            case "interrupt_request":
                // The same path as Jupyter's signal: the handler sets the flag.
                kill(getpid(), SIGINT)
                reply(control, to: request, .object([("status", .string("ok"))]))
            case "kernel_info_request": reply(control, to: request, kernelInfo())
            default: log("dz-kernel: ignored \(request.type) on control\n")
            }
        }
    }

    private func handleShell(_ request: IncomingMessage) {
        bracketed(request) {
            switch request.type {
            case "execute_request": execute(request)
            case "kernel_info_request": reply(shell, to: request, kernelInfo())
            case "complete_request":
                let code = request.content["code"]?.string ?? ""
                let cursor = request.content["cursor_pos"]?.int ?? code.unicodeScalars.count
                let c = dz.complete(code, cursor: cursor)
                reply(shell, to: request, .object([
                    ("status", .string("ok")), ("matches", .array(c.matches.map { .string($0) })),
                    ("cursor_start", .int(c.start)), ("cursor_end", .int(c.end)), ("metadata", .object([])),
                ]))
            case "inspect_request":
                let code = request.content["code"]?.string ?? ""
                let cursor = request.content["cursor_pos"]?.int ?? code.unicodeScalars.count
                let text = dz.inspect(code, cursor: cursor)
                reply(shell, to: request, .object([
                    ("status", .string("ok")), ("found", .bool(text != nil)),
                    ("data", text.map { .object([("text/plain", .string($0))]) } ?? .object([])), ("metadata", .object([])),
                ]))
            case "is_complete_request":
                let r = dz.isComplete(request.content["code"]?.string ?? "")
                var content: [(String, JSON)] = [("status", .string(r.status))]
                if let indent = r.indent { content.append(("indent", .string(indent))) }
                reply(shell, to: request, .object(content))
            case "history_request": reply(shell, to: request, dz.historyReply(request.content))
            case "comm_info_request": reply(shell, to: request, .object([("status", .string("ok")), ("comms", .object([]))]))
            case "comm_open":
                // No comm targets: close it at once, as the protocol asks.
                let id = request.content["comm_id"] ?? .string("")
                publisher.publish("comm_close", .object([("comm_id", id), ("data", .object([]))]), parent: request.headerBytes)
            case "comm_msg", "comm_close": break
            case "shutdown_request": shutdown(request, on: shell)
            default: log("dz-kernel: ignored \(request.type)\n")
            }
        }
    }

    func kernelInfo() -> JSON {
        .object([
            ("status", .string("ok")),
            ("protocol_version", .string(Kernel.protocolVersion)),
            ("implementation", .string("dz")),
            ("implementation_version", .string(Kernel.version)),
            ("language_info", .object([
                ("name", .string("dz")), ("version", .string(Kernel.version)), ("mimetype", .string("text/x-dz")),
                ("file_extension", .string(".dz")), ("pygments_lexer", .string("python")),
                ("codemirror_mode", .string("python")), ("nbconvert_exporter", .string("script")),
            ])),
            ("banner", .string("dz \(Kernel.version): computation graphs and their derivatives. :help lists the commands and builtins.")),
            ("help_links", .array([])),
            ("debugger", .bool(false)),
        ])
    }

    private func shutdown(_ request: IncomingMessage, on socket: ZMQSocket) {
        let restart = request.content["restart"]?.bool ?? false
        reply(socket, to: request, .object([("status", .string("ok")), ("restart", .bool(restart))]))
        // A running cell stops at its next poll; the sockets' queued messages are sent
        // (linger) while the context terminates, for at most 1.5 s.
        kill(getpid(), SIGINT)
        startThread { usleep(1_500_000); _exit(0) }
        startThread { [self] in
            // Blocking calls in the other threads return ETERM and close their sockets;
            // zmq_ctx_term then waits until the queued messages are sent (linger).
            zmq_ctx_shutdown(context)
            publisher.close()
            stdinSocket.close()
            zmq_ctx_term(context)
            _exit(0)
        }
    }

    // MARK: - Execute

    private final class IOPubSink: CellOutputSink {
        let publisher: Publisher
        let parent: [UInt8]
        init(publisher: Publisher, parent: [UInt8]) { self.publisher = publisher; self.parent = parent }
        func stream(_ name: String, _ text: String) { publisher.stream(name, text, parent: parent) }
        func display(_ data: JSON, metadata: JSON, displayID: String?, update: Bool) {
            var content: [(String, JSON)] = [("data", data), ("metadata", metadata)]
            if let displayID { content.append(("transient", .object([("display_id", .string(displayID))]))) }
            publisher.publish(update ? "update_display_data" : "display_data", .object(content), parent: parent)
        }
        func clear(wait: Bool) { publisher.publish("clear_output", .object([("wait", .bool(wait))]), parent: parent) }
    }

    private func execute(_ request: IncomingMessage) {
        let code = request.content["code"]?.string ?? ""
        let silent = request.content["silent"]?.bool ?? false
        let store = (request.content["store_history"]?.bool ?? true) && !silent
        let stopOnError = request.content["stop_on_error"]?.bool ?? true
        if !silent {
            publisher.publish("execute_input", .object([("code", .string(code)), ("execution_count", .int(dz.executionCount + (store ? 1 : 0)))]),
                              parent: request.headerBytes)
        }
        let sink = IOPubSink(publisher: publisher, parent: request.headerBytes)
        let outcome = dz.execute(code, store: store, sink: sink)
        publisher.flushStream()
        let count = JSON.int(dz.executionCount)
        switch outcome {
        case .ok(let result, let payload):
            if let result, !silent {
                publisher.publish("execute_result", .object([("execution_count", count), ("data", result), ("metadata", .object([]))]),
                                  parent: request.headerBytes)
            }
            reply(shell, to: request, .object([("status", .string("ok")), ("execution_count", count),
                                               ("payload", .array(payload)),
                                               ("user_expressions", dz.userExpressions(request.content["user_expressions"] ?? .object([])))]))
        case .error(let ename, let evalue, let traceback):
            let tb = JSON.array(traceback.map { .string($0) })
            if !silent {
                publisher.publish("error", .object([("ename", .string(ename)), ("evalue", .string(evalue)), ("traceback", tb)]),
                                  parent: request.headerBytes)
            }
            // The requests already queued are taken before the reply goes out: what a client
            // sends after it saw the error runs normally.
            let queued = stopOnError ? drainQueue() : []
            reply(shell, to: request, .object([("status", .string("error")), ("execution_count", count), ("ename", .string(ename)),
                                               ("evalue", .string(evalue)), ("traceback", tb)]))
            abort(queued)
        }
    }

    /// The shell requests queued now (read without waiting).
    private func drainQueue() -> [IncomingMessage] {
        var queued: [IncomingMessage] = []
        while let frames = try? shell.receive(dontWait: true) {
            if let message = decode(frames) { queued.append(message) }
        }
        return queued
    }

    /// After an error, the cells that were queued are answered `aborted` without running (as
    /// ipykernel does; Run All queues every cell at once). Other requests are served.
    private func abort(_ queued: [IncomingMessage]) {
        for message in queued {
            guard message.type == "execute_request" else { handleShell(message); continue }
            bracketed(message) {
                reply(shell, to: message, .object([("status", .string("aborted")), ("execution_count", .int(dz.executionCount))]))
            }
        }
    }
}

/// Why the kernel cannot start.
public enum KernelError: Error, CustomStringConvertible {
    case cannotBind(String, String)
    public var description: String {
        switch self {
        case .cannotBind(let endpoint, let reason): "cannot bind \(endpoint): \(reason)"
        }
    }
}

/// A line on the kernel's stderr (Jupyter's server log).
func log(_ text: String) {
    let bytes = Array(text.utf8)
    _ = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
}
