import type { Config } from '../../core/config.js';
import type { Queryable } from '../../db/database.js';
import type { Actor } from '../../http/context.js';
import type { ActionKind } from '../domain/actions.js';
import type { Status } from '../domain/workflow.js';
import { mailerFor } from './mailer.js';
import { incidentEmail, type IncidentNews } from './message.js';
import { recipientOf } from './repository.js';

/** What became of a notification: tests and logs read it; callers may ignore it. */
export type NotificationOutcome = 'sent' | 'smtp_off' | 'no_recipient' | 'own_change' | 'failed';

/**
 * Tells an incident's recorder what became of it, by email. To be called once the change is
 * committed, with the database of the request (the recorder's account is read through it).
 * Never throws: a mail server down must not undo or fail the change; the failure is logged.
 */
export async function notifyRecorder(db: Queryable, config: Pick<Config, 'smtp' | 'publicUrl'>, actor: Actor, incidentId: number, news: IncidentNews): Promise<NotificationOutcome> {
  const mailer = mailerFor(config.smtp);
  if (!mailer) return 'smtp_off';
  try {
    const recipient = await recipientOf(db, actor.organisationId, incidentId);
    if (!recipient?.email) return 'no_recipient';
    if (recipient.userId === actor.userId) return 'own_change';
    const link = `${config.publicUrl}/incidents/${incidentId}`;
    await mailer.send(recipient.email, incidentEmail({ incidentId, ...recipient, link }, news));
    return 'sent';
  } catch (error) {
    console.error(`Notification of incident ${incidentId} not sent:`, error);
    return 'failed';
  }
}

/** After a transition (`transitionIncident`): the recorder learns the new status. */
export const notifyStatusChange = (db: Queryable, config: Pick<Config, 'smtp' | 'publicUrl'>, actor: Actor, incidentId: number, status: Status) =>
  notifyRecorder(db, config, actor, incidentId, { kind: 'status', status });

/** After an action is added (`addAction`): the recorder learns which. */
export const notifyActionAdded = (db: Queryable, config: Pick<Config, 'smtp' | 'publicUrl'>, actor: Actor, incidentId: number, action: ActionKind) =>
  notifyRecorder(db, config, actor, incidentId, { kind: 'action', action });
