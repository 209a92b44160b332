package org.tbx.hub;

import org.tbx.infra.TestVolunteer;

/** A volunteer in hub tests, with a fresh id unless given one. */
final class Person extends TestVolunteer {

  Person() {
    this(LedgerFlowsTest.volunteer());
  }

  Person(String id) {
    super(id);
  }
}
