// Package salle holds the screens of `conduite salle`, the local voting
// room of a workshop: the trainer's screen (trainer*.go, shown on the
// projector in presentation mode) and the participant's (participant*.go,
// one per SSH session). Both read the room (package salle at the root of
// the module, imported here as room) through snapshots and change it
// through its methods only.
package salle
