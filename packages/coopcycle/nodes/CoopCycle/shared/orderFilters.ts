import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { dateText, dayOf } from '../../shared/dates';
import { failItem } from '../../shared/failItem';
import { textOf } from '../../shared/values';

/**
 * preSend of Order → Get Many: its Filters as the query of GET /api/orders (coopcycle-web
 * src/Entity/Sylius/Order.php). "state" is API Platform's exact SearchFilter: one state, or several as state[0],
 * state[1]… (PHP reads them as a list). "date" is src/Api/Filter/OrderDateFilter.php: a day, or date[after] and
 * date[before] (both, or it reads the missing one as today): the orders whose shipping time range overlaps those
 * whole days, in CoopCycle's time zone. Brackets are in the parameter names, as for the delivery filters.
 */
export async function orderFilters(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const filters = (this.getNodeParameter('filters', {}) ?? {}) as IDataObject;
	const qs: IDataObject = { ...requestOptions.qs };
	const states = (Array.isArray(filters.states) ? filters.states : []) as string[];
	if (states.length === 1) qs.state = states[0];
	else states.forEach((state, index) => (qs[`state[${index}]`] = state));

	const dayFilter = (name: string, label: string) => {
		const value = filters[name];
		if (textOf(value) === '') return undefined;
		const day = dayOf(value);
		if (!day) failItem(this, `${label} "${dateText(value)}" is not a date`, 'Give a day such as 2025-06-12.');
		return day;
	};
	const day = dayFilter('shippingDay', 'Shipping Day');
	const until = dayFilter('shippingDayUntil', 'Shipping Day Until');
	if (until && !day) {
		failItem(
			this,
			'Shipping Day Until needs a Shipping Day',
			'Give the first day in Shipping Day, the last in Shipping Day Until.',
		);
	}
	if (day && until && until < day) failItem(this, 'Shipping Day Until is before Shipping Day: no order can match');
	if (day && until && until !== day) Object.assign(qs, { 'date[after]': day, 'date[before]': until });
	else if (day) qs.date = day;
	requestOptions.qs = qs;
	return requestOptions;
}
