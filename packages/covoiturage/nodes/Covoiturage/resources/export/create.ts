import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { showFor } from '../../../shared/fields';
import { describeExportError } from '../../shared/exportErrors';
import { outputExport } from '../../shared/exportOutputs';
import { buildExportBody } from '../../shared/exportRequests';
import { registryRoute } from '../../shared/routing';

export const option: INodePropertyOptions = {
	name: 'Create',
	value: 'create',
	action: 'Export journeys as a CSV file sent by e-mail',
	description:
		'Ask the registry for a CSV file of your journeys of a period (with what it knows of them: places, statuses, incentives). It e-mails a download link to the recipients.',
	routing: registryRoute({
		request: { method: 'POST', url: '/exports' },
		preSend: [buildExportBody],
		output: outputExport,
		describeError: describeExportError,
	}),
};

const show = showFor('export', ['create']);

export const fields: INodeProperties[] = [
	{
		displayName:
			'The registry sends the file by e-mail once it is ready, to the recipients below; it keeps it 7 days. The node outputs the export’s ID and status, not the file.',
		name: 'exportNotice',
		type: 'notice',
		default: '',
		displayOptions: show,
	},
	{
		displayName: 'Start',
		name: 'exportStart',
		type: 'dateTime',
		default: '',
		required: true,
		description:
			'Journeys that started at or after this time, at most 3 years ago. Without a time zone, the workflow’s is used.',
		displayOptions: show,
	},
	{
		displayName: 'End',
		name: 'exportEnd',
		type: 'dateTime',
		default: '',
		required: true,
		description:
			'Journeys that started before this time, at least 5 days ago: the registry needs that long to finish checking a journey. Without a time zone, the workflow’s is used.',
		displayOptions: show,
	},
	{
		displayName: 'Recipients',
		name: 'recipients',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. data@operator.fr, accounting@operator.fr',
		description:
			'E-mail addresses the registry sends the download link to, separated by commas: 1 to 24. Required: with an API credential the registry has no user to send it to.',
		displayOptions: show,
	},
	{
		displayName: 'Area',
		name: 'area',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Area',
		default: {},
		description: 'Only the journeys that start or end in these areas. Empty: all your journeys.',
		displayOptions: show,
		options: [
			{
				displayName: 'Areas',
				name: 'areas',
				values: [
					{
						displayName: 'Type',
						name: 'type',
						type: 'options',
						options: [
							{ name: 'AOM (Mobility Authority, SIREN)', value: 'aom' },
							{ name: 'Commune (INSEE Code)', value: 'com' },
							{ name: 'Commune or Municipal Arrondissement (INSEE Code)', value: 'arr' },
							{ name: 'Département (Code)', value: 'dep' },
							{ name: 'EPCI (SIREN)', value: 'epci' },
							{ name: 'Région (Code)', value: 'reg' },
						],
						default: 'com',
						description: 'What kind of area the codes are',
					},
					{
						displayName: 'Codes',
						name: 'codes',
						type: 'string',
						default: '',
						placeholder: 'e.g. 69123, 69266',
						description:
							'The codes, separated by commas: INSEE codes of communes (69123), SIREN numbers of EPCI and AOM (9 digits), codes of départements (69, 2A, 971) and régions (84)',
					},
				],
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		description: 'The time zone of the dates and times in the file',
		displayOptions: show,
		options: [
			{
				displayName: 'Time Zone',
				name: 'timeZone',
				type: 'string',
				default: '',
				placeholder: 'e.g. Europe/Paris',
				description: 'The time zone of the local dates and times in the file. Empty: the workflow’s time zone.',
			},
		],
	},
];
