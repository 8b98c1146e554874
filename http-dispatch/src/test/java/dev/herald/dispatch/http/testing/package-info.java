/** Test fixtures shared through the test-jar: a Standard Webhooks receiver-side verifier. */
package dev.herald.dispatch.http.testing;
