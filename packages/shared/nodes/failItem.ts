import { NodeOperationError, type IExecuteSingleFunctions } from 'n8n-workflow';

/**
 * Fails one item with a sentence naming what to fix. Thrown while its request is built (preSend), nothing is sent
 * for the item; thrown while it is read (the transport's hook), nothing more is. With the node's "On Error:
 * Continue" the item comes out as an error item and the other items go on.
 */
export function failItem(context: IExecuteSingleFunctions, message: string, description?: string): never {
	throw new NodeOperationError(context.getNode(), message, { description, itemIndex: context.getItemIndex() });
}
