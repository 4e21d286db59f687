// A journey's status as the registry keeps it (three columns) and shows it.

// A journey's status is three columns (migration 20190101100100-application.sql, carpool_v2.status):
// acquisition (received, updated, processed, failed, canceled, expired, terms_violation_error), fraud and anomaly
// (pending, passed, failed). Creating a journey leaves fraud and anomaly at their default, pending.

// providers/carpool/helpers/castStatus.ts castToStatusEnum: the one status Get Status answers.
export function publicStatus(record) {
	if (record.acquisition === 'canceled') return 'canceled';
	if (record.acquisition === 'expired' || record.acquisition === 'terms_violation_error') return 'terms_violation_error';
	if (record.acquisition === 'failed') return 'acquisition_error';
	if (record.acquisition === 'processed' && record.anomaly === 'passed' && record.fraud === 'passed') return 'ok';
	if (record.fraud === 'failed') return 'fraud_error';
	if (record.anomaly === 'failed') return 'anomaly_error';
	return 'pending';
}

// castStatus.ts castFromStatusEnum: what the list route filters on, one alternative per entry (OR), each column
// of an entry must match (AND). It has no entry for "expired" (undefined), nor for terms_violation_error.
export const LIST_FILTERS = {
	acquisition_error: [{ acquisition: 'failed' }],
	validation_error: [{ acquisition: 'failed' }],
	normalization_error: [{ acquisition: 'failed' }],
	fraud_error: [{ fraud: 'failed' }],
	anomaly_error: [{ anomaly: 'failed' }],
	ok: [{ acquisition: 'processed', anomaly: 'passed', fraud: 'passed' }],
	canceled: [{ acquisition: 'canceled' }],
	pending: [{ acquisition: 'received' }, { acquisition: 'updated' }, { fraud: 'pending' }, { anomaly: 'pending' }],
};

// Sets the columns as the registry's checks would, for a status the tests want a journey to have.
export const STATUS_COLUMNS = {
	pending: { acquisition: 'received', fraud: 'pending', anomaly: 'pending' },
	ok: { acquisition: 'processed', fraud: 'passed', anomaly: 'passed' },
	fraud_error: { acquisition: 'processed', fraud: 'failed', anomaly: 'passed' },
	anomaly_error: { acquisition: 'processed', fraud: 'passed', anomaly: 'failed' },
	acquisition_error: { acquisition: 'failed', fraud: 'pending', anomaly: 'pending' },
	canceled: { acquisition: 'canceled' },
};

// StatusJourneyAction.ts: a bare object (no JSON-RPC wrapping); the labels are plain strings.
export function journeyStatus(record, id) {
	return {
		operator_journey_id: id,
		status: publicStatus(record),
		created_at: record.created_at,
		fraud_error_labels: record.fraud === 'failed' ? ['interoperator_overlap'] : [],
		anomaly_error_details:
			record.anomaly === 'failed'
				? [{ label: 'temporal_overlap_anomaly', metas: { conflicting_operator_journey_id: 'other-journey', overlap_duration_ratio: 0.83 } }]
				: [],
		terms_violation_details: record.termsViolations,
		journey_id: record.journey_id,
	};
}
