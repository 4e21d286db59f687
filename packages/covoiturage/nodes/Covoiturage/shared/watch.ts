import { NodeOperationError, type IDataObject, type INodeExecutionData, type IPollFunctions } from 'n8n-workflow';

import { utcText } from '../../shared/dates';
import { sendAuthenticated } from '../../shared/transport';
import { registryBaseUrlOf } from './baseUrl';
import { registryMidnight } from './dates';
import { REGISTRY_SERVER } from './routing';
import { describeRegistryError } from './errors';
import { readListedIds } from './listReading';
import { LISTABLE_STATUS_OPTIONS, LISTABLE_STATUSES } from './listValidation';
import { normaliseStatus } from './outputs';
import { nextMemory, readMemory, type Fresh } from './watchMemory';
import { DEFAULT_LOOK_BACK_DAYS, MAX_LOOK_BACK_DAYS } from './watchFields';

/**
 * The Covoiturage Trigger's poll: list the journeys of each watched status in the look-back window (one request
 * per status, more when the window holds 100 journeys or more: listReading.ts), compare with what it remembers, read the status of the new ones only (one request per
 * journey), and emit one item per (journey, status). Nothing is remembered unless the whole poll succeeded, so a
 * failed poll is simply done again by the next one.
 */

const CREDENTIAL = 'covoiturageApi';

/** How many journeys a manual test ("Fetch Test Event") shows at most. */
const MANUAL_EXAMPLES = 5;

interface Settings {
	statuses: string[];
	lookBackDays: number;
	emitExisting: boolean;
}

function settingsOf(context: IPollFunctions): Settings {
	const statuses = context.getNodeParameter('statuses', []) as string[];
	const options = context.getNodeParameter('options', {}) as IDataObject;
	const lookBackDays = Number(options.lookBackDays ?? DEFAULT_LOOK_BACK_DAYS);
	if (!Array.isArray(statuses) || statuses.length === 0) {
		throw new NodeOperationError(context.getNode(), 'Trigger On is empty: choose at least one status to watch');
	}
	const unknown = statuses.filter((status) => !LISTABLE_STATUSES.includes(status));
	if (unknown.length) {
		throw new NodeOperationError(
			context.getNode(),
			`Trigger On has statuses the registry cannot list: ${unknown.join(', ')}`,
			{ description: 'Choose among Acquisition Error, Anomaly Error, Canceled, Fraud Error, OK and Pending.' },
		);
	}
	if (!Number.isInteger(lookBackDays) || lookBackDays < 1 || lookBackDays > MAX_LOOK_BACK_DAYS) {
		throw new NodeOperationError(
			context.getNode(),
			`Look-Back (Days) must be a whole number from 1 to ${MAX_LOOK_BACK_DAYS} (got ${String(options.lookBackDays)})`,
			{ description: 'The registry lists journeys that started at most 90 days before today.' },
		);
	}
	return { statuses: [...new Set(statuses)], lookBackDays, emitExisting: options.emitExisting === true };
}

class Registry {
	constructor(
		private readonly context: IPollFunctions,
		private readonly baseUrl: string,
	) {}

	private async get(path: string, qs?: IDataObject): Promise<unknown> {
		return await sendAuthenticated(
			this.context,
			CREDENTIAL,
			{ method: 'GET', url: `${this.baseUrl}${path}`, qs, headers: { Accept: 'application/json' }, json: true },
			describeRegistryError,
			REGISTRY_SERVER,
		);
	}

	/** The ids listed with `status` in [start, end), each once, read as Get Many reads them (listReading.ts). */
	async list(status: string, start: number, end: number, limit = Infinity): Promise<string[]> {
		const request = async (qs: IDataObject) => await this.get('/journeys', qs);
		return await readListedIds(request, { status, start: utcText(start), end: utcText(end) }, limit);
	}

	/** A journey's status as Get Status outputs it. */
	async status(id: string): Promise<IDataObject> {
		const body = (await this.get(`/journeys/${encodeURIComponent(id)}`)) as IDataObject;
		return normaliseStatus(body && typeof body === 'object' ? body : {});
	}
}

/** One item per (journey, status), the status read once per journey. */
async function itemsFor(registry: Registry, fresh: Fresh[]): Promise<INodeExecutionData[]> {
	const statuses = new Map<string, IDataObject>();
	const items: INodeExecutionData[] = [];
	for (const { id, status } of fresh) {
		let details = statuses.get(id);
		if (!details) {
			details = await registry.status(id);
			statuses.set(id, details);
		}
		items.push({ json: { ...details, watched_status: status } });
	}
	return items;
}

/**
 * A manual test that found nothing says what it looked for and what to do, as n8n's own polling triggers do
 * (Google Calendar Trigger, Google Drive Trigger throw in manual mode), instead of n8n's bare "No trigger output".
 */
function nothingToShow(context: IPollFunctions, settings: Settings): NodeOperationError {
	const days = settings.lookBackDays;
	const names = settings.statuses.map(
		(status) => LISTABLE_STATUS_OPTIONS.find((option) => option.value === status)?.name ?? status,
	);
	return new NodeOperationError(
		context.getNode(),
		`No journey has one of the statuses of Trigger On (${names.join(', ')}) among the journeys that started in the ${days} day${days === 1 ? '' : 's'} before today 00:00 (Paris time)`,
		{
			description:
				'Fetch Test Event shows journeys that have a watched status now. There is none yet: the registry lists a journey from the day after it started and checks it within 48 hours. Try again later, add statuses to Trigger On, or raise Look-Back (Days) in Options (up to 90). Once the workflow is published (active), each journey is emitted when it gets a watched status.',
		},
	);
}

export async function pollJourneys(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const settings = settingsOf(this);
	const registry = new Registry(this, registryBaseUrlOf(await this.getCredentials(CREDENTIAL)));
	const now = Date.now();
	// The registry's window: from `lookBackDays` before its today (00:00 Paris time of the UTC date) to its today.
	const end = registryMidnight(now);
	const start = registryMidnight(now, settings.lookBackDays);

	if (this.getMode() === 'manual') {
		// A test shows journeys that have a watched status now, emitted before or not, and leaves the memory of the
		// active trigger as it is.
		const examples: Fresh[] = [];
		for (const status of settings.statuses) {
			for (const id of await registry.list(status, start, end, MANUAL_EXAMPLES)) examples.push({ id, status });
		}
		const items = await itemsFor(registry, examples.slice(0, MANUAL_EXAMPLES));
		if (!items.length) throw nothingToShow(this, settings);
		return [items];
	}

	const listed: Record<string, string[]> = {};
	for (const status of settings.statuses) listed[status] = await registry.list(status, start, end);
	const staticData = this.getWorkflowStaticData('node');
	const { memory, fresh } = nextMemory(
		readMemory(staticData),
		listed,
		new Date(now).toISOString().slice(0, 10),
		settings.emitExisting,
	);
	const items = await itemsFor(registry, fresh);
	// Assigned as a whole once everything succeeded: n8n notices the change and saves it with the workflow.
	staticData.seen = memory.seen;
	return items.length ? [items] : null;
}
