/**
 * The shared kernel: small pieces of I/O that more than one adapter needs (a secret file, a one-request HTTP
 * client, the HMAC-SHA256 signature of a webhook), kept here so adapters never import each other. Anyone may import it; it imports nothing of the project.
 */
package io.driftless.io;
