import { defineProjection, inOrder } from '../runner/projection.js';
import { beginCatalogTransaction } from './contentCatalog.js';
import { beginPartners, principalHandlers } from './principalsProjection.js';
import { visibilityHandlers } from './visibilityHandlers.js';

/**
 * The access read model (DESIGN §5, who-can-see-what): every person's principal, the projection's own
 * copies of partners, certifications and content, and who sees which content item until when.
 * Principal handlers first: the visibility handlers read the principal as the event left it.
 */
export const accessProjection = defineProjection({
  name: 'access',
  tables: [
    'access_visible_content',
    'access_certifications',
    'access_contents',
    'access_principals',
    'access_partners',
  ],
  handlers: inOrder(principalHandlers, visibilityHandlers),
  begin: (db) => {
    beginCatalogTransaction(db);
    beginPartners(db);
  },
});
