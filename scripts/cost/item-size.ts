import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { TableDefinition } from '../../shared/store/table-definition.js';

/**
 * Billable storage of a table's items, as DynamoDB sizes them: each
 * attribute's name and value in UTF-8 bytes (numbers about one byte per two
 * digits), plus 100 bytes of overhead per item, counted again for every
 * global secondary index the item appears in (with the attributes that index
 * projects). An approximation of the rules in the DynamoDB developer guide
 * ("Item sizes and formats"), close enough to size a bill, not to predict one
 * to the byte.
 */
const ITEM_OVERHEAD_BYTES = 100;

export function valueBytes(value: AttributeValue): number {
  if (value.S !== undefined) return Buffer.byteLength(value.S, 'utf8');
  if (value.N !== undefined) return Math.ceil(value.N.replace(/^-|\.|e.*$/gi, '').length / 2) + 1;
  if (value.B !== undefined) return value.B.byteLength;
  if (value.BOOL !== undefined || value.NULL !== undefined) return 1;
  if (value.SS) return value.SS.reduce((sum, entry) => sum + Buffer.byteLength(entry, 'utf8'), 0);
  if (value.NS) return value.NS.reduce((sum, entry) => sum + valueBytes({ N: entry }), 0);
  if (value.L) return 3 + value.L.reduce((sum, entry) => sum + 1 + valueBytes(entry), 0);
  if (value.M) return 3 + attributesBytes(value.M);
  return 0;
}

function attributesBytes(item: Record<string, AttributeValue>, only?: ReadonlySet<string>): number {
  let bytes = 0;
  for (const [name, value] of Object.entries(item)) {
    if (only && !only.has(name)) continue;
    bytes += Buffer.byteLength(name, 'utf8') + valueBytes(value);
  }
  return bytes;
}

/** The item's bytes in the table alone, as DynamoDB sizes an item it reads or writes (without the storage overhead). */
export function itemBytes(item: Record<string, AttributeValue>): number {
  return attributesBytes(item);
}

/** The item's bytes in the table and in each index that holds it. */
export function storedBytes(item: Record<string, AttributeValue>, table: TableDefinition): number {
  let bytes = attributesBytes(item) + ITEM_OVERHEAD_BYTES;
  for (const index of table.indexes) {
    if (!(index.partitionKey in item)) continue; // a sparse index: only items with its key are in it
    const included = index.projection === 'KEYS_ONLY' ? [] : index.projection;
    const projected = new Set([table.partitionKey, table.sortKey, index.partitionKey, index.sortKey, ...included]);
    bytes += attributesBytes(item, projected) + ITEM_OVERHEAD_BYTES;
  }
  return bytes;
}
