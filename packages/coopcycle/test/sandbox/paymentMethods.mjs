// The payment method of a new delivery (its order), for stores that take cash on delivery.
//
// src/Api/State/DeliveryCreateOrUpdateProcessor.php, "Handle payment method if specified" (l.193-224): the body's
// order.paymentMethod (src/Api/Dto/DeliveryOrderDto.php, group delivery_create: read by Create and Update, not by
// the price route, whose group is pricing_deliveries) must be one of
// src/Service/DeliveryOrderManager.php getSupportedPaymentMethods(): "cash_on_delivery" when the instance enables
// it for every store (CASH_ON_DELIVERY_ENABLED) or the store has cashOnDeliveryEnabled, compared strictly (so
// "CASH_ON_DELIVERY" is refused). Otherwise BadRequestHttpException('order.paymentMethod is not valid'): 400
// hydra:Error (features/deliveries.feature "Cannot create delivery with cash on delivery when not enabled for
// store"). The check comes AFTER DeliveryOrderManager::createOrder, which persists and flushes the order and,
// through it, the delivery (l.120-125; Sylius.Order.orm.xml cascades the delivery): the 400 is answered for a
// delivery that exists, paid the usual way.
// A quote (src/Api/State/DeliveryQuoteProcessor.php) reads the DTO but never its payment method, and its
// confirmation (src/Action/Delivery/ConfirmQuote.php, the legacy normalizer) ignores "order": a confirmed quote is
// paid the usual way too.
import { hydraError } from './http.mjs';

/** The payment method the body asks for: undefined, or the code CoopCycle records (CASH_ON_DELIVERY). */
export function paymentMethodOf(state, body, store) {
	const asked = body?.order?.paymentMethod;
	if (asked === undefined || asked === null) return undefined;
	const supported = state.cashOnDeliveryEverywhere || store.cashOnDeliveryEnabled ? ['cash_on_delivery'] : [];
	if (!supported.includes(asked)) throw hydraError(400, 'order.paymentMethod is not valid');
	return String(asked).toUpperCase();
}
