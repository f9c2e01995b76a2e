package dev.scaletest.web;

/**
 * Connection-level totals of one {@link WsClient} since it was created. Bytes are WebSocket message
 * payload bytes (for the terminal: the JSON objects sent and the raw output received).
 */
public record WsClientStats(int openSessions, long sessionsOpened, long connectFailures, long messagesSent,
                            long bytesSent, long messagesReceived, long bytesReceived) {}
