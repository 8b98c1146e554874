/** The webhook dispatcher: Standard Webhooks signing and delivery over Armeria WebClient. */
package dev.herald.dispatch.http;
