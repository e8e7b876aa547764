/**
 * Who may write a directory and whether its file system has room: the exclusive-owner lock of a
 * journal or state directory ({@link io.tickjournal.storage.OwnerLock}) and the free-space check
 * made before appending ({@link io.tickjournal.storage.SpaceGuard}).
 */
package io.tickjournal.storage;
