/**
 * Threads as Agrona agents: {@link io.tickjournal.agent.AgentThreads} starts each
 * {@link org.agrona.concurrent.Agent} on a thread of its own with an {@link org.agrona.concurrent.AgentRunner},
 * stops them and keeps the first failure, so capture, replay and the feed simulator write thread
 * start, stop and error handling once.
 */
package io.tickjournal.agent;
