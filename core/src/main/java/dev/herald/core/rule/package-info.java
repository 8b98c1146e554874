/**
 * Content rules: EventBridge content patterns that select events by what is inside them, and
 * JMESPath transformations that reshape the body a target receives. Both read the event as the JSON
 * document a webhook receives ({@link dev.herald.core.rule.EventDocuments}).
 */
package dev.herald.core.rule;
