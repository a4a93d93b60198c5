'use strict';
// A small Solana JSON-RPC endpoint on loopback in front of litesvm, the real Solana runtime (SVM, SPL Token,
// Token-2022, Associated Token Account and Memo programs), for wallet-core's integration tests. Test-only.
//
// Start: `node shim.js`. It listens on 127.0.0.1 on a port the OS chooses and prints
// `listening on http://127.0.0.1:PORT` as its first line on stdout. It exits when stdin closes, so a test JVM that
// dies never leaves it behind.
//
// Methods answer the way a Solana validator's RPC does, as far as wallet-core uses them: getLatestBlockhash,
// sendTransaction (base64 or base58; preflight unless skipPreflight), simulateTransaction, getSignatureStatuses,
// getBalance, getAccountInfo, getTokenAccountBalance, getMinimumBalanceForRentExemption, requestAirdrop, getHealth,
// and the test-only litesvm_expireBlockhash. A transaction the runtime refuses is a JSON-RPC error whose data.err is
// the runtime's TransactionError in the RPC's JSON form ("BlockhashNotFound", {"InstructionError":[0,{"Custom":1}]}).

const http = require('node:http');
const { LiteSVM, FailedTransactionMetadata } = require('litesvm');
const kit = require('@solana/kit');

// Names of litesvm's numeric error enums (const enums in its typings, so absent at run time), in declaration order.
const TRANSACTION_ERRORS = [
    'AccountInUse', 'AccountLoadedTwice', 'AccountNotFound', 'ProgramAccountNotFound', 'InsufficientFundsForFee',
    'InvalidAccountForFee', 'AlreadyProcessed', 'BlockhashNotFound', 'CallChainTooDeep', 'MissingSignatureForFee',
    'InvalidAccountIndex', 'SignatureFailure', 'InvalidProgramForExecution', 'SanitizeFailure', 'ClusterMaintenance',
    'AccountBorrowOutstanding', 'WouldExceedMaxBlockCostLimit', 'UnsupportedVersion', 'InvalidWritableAccount',
    'WouldExceedMaxAccountCostLimit', 'WouldExceedAccountDataBlockLimit', 'TooManyAccountLocks',
    'AddressLookupTableNotFound', 'InvalidAddressLookupTableOwner', 'InvalidAddressLookupTableData',
    'InvalidAddressLookupTableIndex', 'InvalidRentPayingAccount', 'WouldExceedMaxVoteCostLimit',
    'WouldExceedAccountDataTotalLimit', 'MaxLoadedAccountsDataSizeExceeded', 'ResanitizationNeeded',
    'InvalidLoadedAccountsDataSizeLimit', 'UnbalancedTransaction', 'ProgramCacheHitMaxLimit', 'CommitCancelled',
];
const INSTRUCTION_ERRORS = [
    'GenericError', 'InvalidArgument', 'InvalidInstructionData', 'InvalidAccountData', 'AccountDataTooSmall',
    'InsufficientFunds', 'IncorrectProgramId', 'MissingRequiredSignature', 'AccountAlreadyInitialized',
    'UninitializedAccount', 'UnbalancedInstruction', 'ModifiedProgramId', 'ExternalAccountLamportSpend',
    'ExternalAccountDataModified', 'ReadonlyLamportChange', 'ReadonlyDataModified', 'DuplicateAccountIndex',
    'ExecutableModified', 'RentEpochModified', 'NotEnoughAccountKeys', 'AccountDataSizeChanged',
    'AccountNotExecutable', 'AccountBorrowFailed', 'AccountBorrowOutstanding', 'DuplicateAccountOutOfSync',
    'InvalidError', 'ExecutableDataModified', 'ExecutableLamportChange', 'ExecutableAccountNotRentExempt',
    'UnsupportedProgramId', 'CallDepth', 'MissingAccount', 'ReentrancyNotAllowed', 'MaxSeedLengthExceeded',
    'InvalidSeeds', 'InvalidRealloc', 'ComputationalBudgetExceeded', 'PrivilegeEscalation',
    'ProgramEnvironmentSetupFailure', 'ProgramFailedToComplete', 'ProgramFailedToCompile', 'Immutable',
    'IncorrectAuthority', 'AccountNotRentExempt', 'InvalidAccountOwner', 'ArithmeticOverflow', 'UnsupportedSysvar',
    'IllegalOwner', 'MaxAccountsDataAllocationsExceeded', 'MaxAccountsExceeded', 'MaxInstructionTraceLengthExceeded',
    'BuiltinProgramsMustConsumeComputeUnits', 'BorshIoError',
];
// Errors after which a real cluster never records the transaction (it is dropped before it lands).
const NEVER_LANDS = new Set(['SignatureFailure', 'BlockhashNotFound', 'AlreadyProcessed', 'SanitizeFailure',
    'MissingSignatureForFee', 'InsufficientFundsForFee', 'AccountNotFound', 'InvalidAccountForFee']);

const TOKEN_PROGRAMS = new Set(['TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA',
    'TokenzQdBNbLqP5VEhdkAS6EPFLC1PHnBqCXEpPxuEb']);

const INVALID_PARAMS = -32602;
const METHOD_NOT_FOUND = -32601;
const PARSE_ERROR = -32700;
const INVALID_REQUEST = -32600;
const SIMULATION_FAILED = -32002;
const SIGNATURE_VERIFICATION_FAILED = -32003;

class RpcError extends Error {
    constructor(code, message, data) {
        super(message);
        this.code = code;
        this.data = data;
    }
}

const svm = new LiteSVM();
const statuses = new Map(); // signature (base58) -> { slot, err }
const base58 = kit.getBase58Decoder();
const base58Bytes = kit.getBase58Encoder();
const transactionDecoder = kit.getTransactionDecoder();

function slot() {
    return svm.getClock().slot;
}

function context() {
    return { slot: slot() };
}

function transactionError(err) {
    if (typeof err === 'number') {
        return TRANSACTION_ERRORS[err] ?? `TransactionError${err}`;
    }
    switch (err.constructor.name) {
        case 'TransactionErrorInstructionError':
            return { InstructionError: [err.index, instructionError(err.err())] };
        case 'TransactionErrorDuplicateInstruction':
            return { DuplicateInstruction: err.index };
        case 'TransactionErrorInsufficientFundsForRent':
            return { InsufficientFundsForRent: { account_index: err.accountIndex } };
        case 'TransactionErrorProgramExecutionTemporarilyRestricted':
            return { ProgramExecutionTemporarilyRestricted: { account_index: err.accountIndex } };
        default:
            return String(err);
    }
}

function instructionError(err) {
    if (typeof err === 'number') {
        return INSTRUCTION_ERRORS[err] ?? `InstructionError${err}`;
    }
    if (err.constructor.name === 'InstructionErrorCustom') {
        return { Custom: err.code };
    }
    if (err.constructor.name === 'InstructionErrorBorshIo') {
        return { BorshIoError: err.msg };
    }
    return String(err);
}

function failure(failed) {
    const err = transactionError(failed.err());
    const logs = failed.meta().logs();
    if (err === 'SignatureFailure') {
        return new RpcError(SIGNATURE_VERIFICATION_FAILED, 'Transaction signature verification failure',
            { err, logs });
    }
    const summary = typeof err === 'string' ? err : JSON.stringify(err);
    return new RpcError(SIMULATION_FAILED, `Transaction simulation failed: ${summary}`, { err, logs });
}

function decodeTransaction(params) {
    const [encoded, config = {}] = params;
    if (typeof encoded !== 'string') {
        throw new RpcError(INVALID_PARAMS, 'Invalid params: the transaction must be an encoded string');
    }
    const encoding = config.encoding ?? 'base58';
    let bytes;
    if (encoding === 'base64') {
        bytes = new Uint8Array(Buffer.from(encoded, 'base64'));
    } else if (encoding === 'base58') {
        bytes = base58Bytes.encode(encoded);
    } else {
        throw new RpcError(INVALID_PARAMS, `Invalid params: unsupported encoding ${encoding}`);
    }
    try {
        return { tx: transactionDecoder.decode(bytes), config };
    } catch (e) {
        throw new RpcError(INVALID_PARAMS, `failed to deserialize transaction: ${e.message}`);
    }
}

function firstSignature(tx) {
    const signature = Object.values(tx.signatures)[0];
    if (!signature || signature.every((b) => b === 0)) {
        throw new RpcError(SIGNATURE_VERIFICATION_FAILED, 'Transaction signature verification failure',
            { err: 'MissingSignatureForFee', logs: [] });
    }
    return base58.decode(signature);
}

function runtime(call) {
    try {
        return call();
    } catch (e) {
        // litesvm's wrapper refuses a transaction with a missing (all-zero) signature before the runtime sees it.
        throw new RpcError(SIGNATURE_VERIFICATION_FAILED, `Transaction signature verification failure: ${e.message}`,
            { err: 'SignatureFailure', logs: [] });
    }
}

function address(value) {
    try {
        return kit.address(value);
    } catch (e) {
        throw new RpcError(INVALID_PARAMS, `Invalid param: ${value} is not an address`);
    }
}

function readU64(data, offset) {
    return Buffer.from(data.buffer, data.byteOffset, data.byteLength).readBigUInt64LE(offset);
}

function record(signature, err) {
    statuses.set(signature, { slot: slot(), err });
}

const methods = {
    getHealth() {
        return 'ok';
    },

    getLatestBlockhash() {
        const current = slot();
        return {
            context: { slot: current },
            value: { blockhash: svm.latestBlockhash(), lastValidBlockHeight: current + 150n },
        };
    },

    litesvm_expireBlockhash() {
        svm.expireBlockhash();
        return { blockhash: svm.latestBlockhash() };
    },

    sendTransaction(params) {
        const { tx, config } = decodeTransaction(params);
        const signature = firstSignature(tx);
        if (!config.skipPreflight) {
            const simulated = runtime(() => svm.simulateTransaction(tx));
            if (simulated instanceof FailedTransactionMetadata) {
                throw failure(simulated);
            }
        }
        const result = runtime(() => svm.sendTransaction(tx));
        if (result instanceof FailedTransactionMetadata) {
            const err = transactionError(result.err());
            if (!config.skipPreflight || NEVER_LANDS.has(err)) {
                throw failure(result);
            }
            record(signature, err); // landed and failed: the fee is paid and the status carries the error
            return signature;
        }
        record(signature, null);
        return signature;
    },

    simulateTransaction(params) {
        const { tx } = decodeTransaction(params);
        const simulated = runtime(() => svm.simulateTransaction(tx));
        if (simulated instanceof FailedTransactionMetadata) {
            const meta = simulated.meta();
            return {
                context: context(),
                value: { err: transactionError(simulated.err()), logs: meta.logs(),
                    unitsConsumed: meta.computeUnitsConsumed(), accounts: null, returnData: null },
            };
        }
        const meta = simulated.meta();
        return {
            context: context(),
            value: { err: null, logs: meta.logs(), unitsConsumed: meta.computeUnitsConsumed(), accounts: null,
                returnData: null },
        };
    },

    getSignatureStatuses(params) {
        const [signatures] = params;
        if (!Array.isArray(signatures)) {
            throw new RpcError(INVALID_PARAMS, 'Invalid params: expected an array of signatures');
        }
        return {
            context: context(),
            value: signatures.map((signature) => {
                const status = statuses.get(signature);
                if (!status) {
                    return null;
                }
                return {
                    slot: status.slot,
                    confirmations: null,
                    err: status.err,
                    status: status.err === null ? { Ok: null } : { Err: status.err },
                    confirmationStatus: 'finalized',
                };
            }),
        };
    },

    getBalance(params) {
        return { context: context(), value: svm.getBalance(address(params[0])) ?? 0n };
    },

    getMinimumBalanceForRentExemption(params) {
        const size = params[0];
        if (!Number.isInteger(size) || size < 0) {
            throw new RpcError(INVALID_PARAMS, 'Invalid params: data length must be a non-negative integer');
        }
        return svm.minimumBalanceForRentExemption(BigInt(size));
    },

    getAccountInfo(params) {
        const [key, config = {}] = params;
        const account = svm.getAccount(address(key));
        if (!account.exists) {
            return { context: context(), value: null };
        }
        const encoding = config.encoding ?? 'base58';
        const data = encoding === 'base64'
            ? [Buffer.from(account.data).toString('base64'), 'base64']
            : [base58.decode(account.data), 'base58'];
        return {
            context: context(),
            value: {
                data,
                executable: account.executable,
                lamports: account.lamports,
                owner: account.programAddress,
                rentEpoch: 18446744073709551615n,
                space: BigInt(account.data.length),
            },
        };
    },

    getTokenAccountBalance(params) {
        const account = svm.getAccount(address(params[0]));
        if (!account.exists || !TOKEN_PROGRAMS.has(account.programAddress) || account.data.length < 165) {
            throw new RpcError(INVALID_PARAMS, 'Invalid param: not a Token account');
        }
        const amount = readU64(account.data, 64);
        const mint = svm.getAccount(base58.decode(account.data.subarray(0, 32)));
        if (!mint.exists || mint.data.length < 82) {
            throw new RpcError(INVALID_PARAMS, 'Invalid param: the token account\'s mint is missing');
        }
        const decimals = mint.data[44];
        const whole = amount / 10n ** BigInt(decimals);
        const fraction = (amount % 10n ** BigInt(decimals)).toString().padStart(decimals, '0').replace(/0+$/, '');
        const uiAmountString = fraction ? `${whole}.${fraction}` : `${whole}`;
        return {
            context: context(),
            value: { amount: amount.toString(), decimals, uiAmount: Number(uiAmountString), uiAmountString },
        };
    },

    requestAirdrop(params) {
        const [key, lamports] = params;
        if (!Number.isSafeInteger(lamports) || lamports <= 0) {
            throw new RpcError(INVALID_PARAMS, 'Invalid params: lamports must be a positive integer');
        }
        const result = svm.airdrop(address(key), BigInt(lamports));
        if (result === null || result instanceof FailedTransactionMetadata) {
            const reason = result === null ? 'no result' : JSON.stringify(transactionError(result.err()));
            throw new RpcError(-32603, `airdrop failed: ${reason}`);
        }
        const signature = base58.decode(result.signature());
        record(signature, null);
        return signature;
    },
};

// JSON.stringify cannot write BigInt; lamports and slots are u64, so they are written as plain JSON numbers.
function stringify(value) {
    return JSON.stringify(value, (key, v) => (typeof v === 'bigint' ? `@@bigint:${v}` : v))
        .replace(/"@@bigint:(\d+)"/g, '$1');
}

function handle(request) {
    if (request === null || typeof request !== 'object' || typeof request.method !== 'string') {
        return { jsonrpc: '2.0', id: null, error: { code: INVALID_REQUEST, message: 'Invalid request' } };
    }
    const id = request.id ?? null;
    const method = Object.hasOwn(methods, request.method) ? methods[request.method] : undefined;
    if (!method) {
        const error = { code: METHOD_NOT_FOUND, message: `Method not found: ${request.method}` };
        return { jsonrpc: '2.0', id, error };
    }
    try {
        return { jsonrpc: '2.0', id, result: method(Array.isArray(request.params) ? request.params : []) };
    } catch (e) {
        if (e instanceof RpcError) {
            const error = { code: e.code, message: e.message };
            if (e.data !== undefined) {
                error.data = e.data;
            }
            return { jsonrpc: '2.0', id, error };
        }
        process.stderr.write(`shim: ${request.method} failed: ${e.stack}\n`);
        return { jsonrpc: '2.0', id, error: { code: -32603, message: `Internal error: ${e.message}` } };
    }
}

const server = http.createServer((req, res) => {
    if (req.method !== 'POST') {
        res.writeHead(405, { Allow: 'POST' }).end();
        return;
    }
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
        let response;
        try {
            const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
            response = Array.isArray(body) ? body.map(handle) : handle(body);
        } catch (e) {
            response = { jsonrpc: '2.0', id: null, error: { code: PARSE_ERROR, message: 'Parse error' } };
        }
        res.writeHead(200, { 'Content-Type': 'application/json' }).end(stringify(response));
    });
});

server.listen(0, '127.0.0.1', () => {
    process.stdout.write(`listening on http://127.0.0.1:${server.address().port}\n`);
});

process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
