import type { ICredentialDataDecryptedObject, IDataObject, INode, INodeProperties } from 'n8n-workflow';

/**
 * At most N requests in flight to one server, in this n8n process: every execution, node and item that sends to
 * the same server (a CoopCycle instance, a registry environment) waits for a free place here. n8n's declarative
 * engine starts the requests of all items at once; a small cooperative's server serves a few at a time (its
 * PHP-FPM pool, `pm.max_children`) and its gateway answers 504 to the rest while PHP still does them, so without
 * this the node's own burst causes the failures it cannot safely retry. The bound is the credential's "Max
 * Requests at Once". A place is held only while a request is on the wire: never while waiting to retry, nor
 * while waiting for the registry's pacing.
 */

/** What the credential says of its server. */
export interface ServerLimits {
	/** The server's address: everything sent to it shares one gate. */
	url: string;
	/** The credential's "Max Requests at Once". */
	maxInFlight: number;
}

/** How a node finds its server's limits: its credential type, and what the credential says. */
export interface ServerOf {
	credentialType: string;
	limits: (credentials: ICredentialDataDecryptedObject) => ServerLimits;
}

/** The "Max Requests at Once" default: a small cooperative's PHP-FPM pool serves about 8 requests at a time. */
export const DEFAULT_MAX_IN_FLIGHT = 8;

/** The credential field of both credentials, in words a shop understands. */
export function maxRequestsAtOnceField(server: string, raiseWhen: string): INodeProperties {
	return {
		displayName: 'Max Requests at Once',
		name: 'maxRequestsAtOnce',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: DEFAULT_MAX_IN_FLIGHT,
		description: `How many requests n8n sends to ${server} at the same time, all workflows together (each n8n process counts on its own). The others wait their turn, so that a big run does not overload the server. ${raiseWhen}`,
	};
}

/** The credential's "Max Requests at Once", at least 1 (the default when empty or not a number). */
export function maxInFlightOf(credentials: IDataObject): number {
	const value = Math.floor(Number(credentials.maxRequestsAtOnce));
	return Number.isFinite(value) && value >= 1 ? value : DEFAULT_MAX_IN_FLIGHT;
}

export class ServerGate {
	private inFlight = 0;

	private readonly waiting: Array<() => void> = [];

	private head = 0;

	/** The most requests this gate ever let out at once (for the tests and the load script). */
	peak = 0;

	constructor(public max: number) {}

	/** Runs `send` once a place is free, and frees it when `send` settles. */
	async run<T>(send: () => Promise<T>): Promise<T> {
		if (this.inFlight < this.max && this.head === this.waiting.length) this.take();
		else await new Promise<void>((resolve) => this.waiting.push(resolve));
		try {
			return await send();
		} finally {
			this.release();
		}
	}

	/**
	 * Runs `send` at once, counted as in flight. For the access-token request: the requests that wait for it may
	 * hold every place, and it must not wait for them (they are not on the wire meanwhile, so the server still
	 * gets at most `max`).
	 */
	async borrow<T>(send: () => Promise<T>): Promise<T> {
		this.take();
		try {
			return await send();
		} finally {
			this.release();
		}
	}

	/** Lets waiting requests out, up to the bound (after a release, or when the credential raised it). */
	pump(): void {
		while (this.inFlight < this.max && this.head < this.waiting.length) {
			const next = this.waiting[this.head++];
			this.take();
			next();
		}
		if (this.head === this.waiting.length && this.head > 0) {
			this.waiting.length = 0;
			this.head = 0;
		}
	}

	private take(): void {
		this.inFlight++;
		this.peak = Math.max(this.peak, this.inFlight);
	}

	private release(): void {
		this.inFlight--;
		this.pump();
	}
}

const gates = new Map<string, ServerGate>();

/** The process's gate of a server, with the bound its credential now says. */
export function serverGate({ url, maxInFlight }: ServerLimits): ServerGate {
	let gate = gates.get(url);
	if (!gate) {
		gate = new ServerGate(maxInFlight);
		gates.set(url, gate);
	} else if (gate.max !== maxInFlight) {
		gate.max = maxInFlight;
		gate.pump();
	}
	return gate;
}

/**
 * How long a node's server limits are kept before its credential is read again: n8n reads a credential from its
 * database each time it is asked, once per node run is enough, and an edited credential counts within a minute.
 */
const LIMITS_MEMORY_MS = 60_000;

const limitsOfNode = new WeakMap<INode, { at: number; limits: Promise<ServerLimits | undefined> }>();

/** What a node context needs to read its credential. */
export interface CredentialReader {
	getNode(): INode;
	getCredentials<T extends object = ICredentialDataDecryptedObject>(type: string, itemIndex?: number): Promise<T>;
}

/** The limits of the node's server, read from its credential once a minute at most; undefined without one. */
export async function serverLimitsOf(
	context: CredentialReader,
	serverOf: ServerOf | undefined,
): Promise<ServerLimits | undefined> {
	if (!serverOf) return undefined;
	const node = context.getNode();
	const known = limitsOfNode.get(node);
	if (known && Date.now() - known.at < LIMITS_MEMORY_MS) return await known.limits;
	const limits = context.getCredentials(serverOf.credentialType).then(
		(credentials) => serverOf.limits(credentials),
		() => undefined,
	);
	limitsOfNode.set(node, { at: Date.now(), limits });
	return await limits;
}
