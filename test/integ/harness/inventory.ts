/** The clean-account inventory of the integ tier: the shipped local-deploy room's (local/inventory.ts). */
export { deleteRetained, inventoryDiff, missingRetained, retainedResources, takeInventory } from '../../../local/inventory';
export type { Inventory, RetainedResource } from '../../../local/inventory';
