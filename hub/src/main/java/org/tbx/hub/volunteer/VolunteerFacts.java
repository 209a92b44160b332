package org.tbx.hub.volunteer;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Volunteers' facts read once per poll, and the minutes deposits credited since they were read, so
 * the lifetime cap counts deposits earlier in the same poll. Handlers reach it through the unit of
 * work.
 */
public final class VolunteerFacts {

  private final VolunteerRepository repository;
  private final Map<String, VolunteerRepository.Facts> facts = new HashMap<>();
  private final Map<String, Long> creditedSince = new HashMap<>();

  public VolunteerFacts(VolunteerRepository repository) {
    this.repository = repository;
  }

  /** Reads, in one query, the facts of the volunteers not yet known. */
  public void prefetch(Collection<String> volunteerIds) {
    List<String> missing =
        volunteerIds.stream().filter(v -> !facts.containsKey(v)).distinct().toList();
    if (!missing.isEmpty()) {
      repository.facts(missing).forEach(f -> facts.put(f.volunteerId(), f));
    }
  }

  /**
   * @return a volunteer's facts, read now if not yet known
   */
  public VolunteerRepository.Facts of(String volunteerId) {
    return facts.computeIfAbsent(volunteerId, repository::facts);
  }

  /**
   * @return everything credited to the volunteer, including deposits accepted earlier in this poll
   */
  public long creditedSoFar(String volunteerId) {
    return of(volunteerId).creditsPosted() + creditedSince.getOrDefault(volunteerId, 0L);
  }

  public void credited(String volunteerId, long minutes) {
    creditedSince.merge(volunteerId, minutes, Long::sum);
  }

  /** Reads a volunteer's enrollment again after it changed; the credits counted so far stay. */
  void changed(String volunteerId) {
    VolunteerRepository.Facts known = facts.get(volunteerId);
    if (known != null) {
      VolunteerRepository.Facts now = repository.facts(volunteerId);
      facts.put(
          volunteerId,
          new VolunteerRepository.Facts(
              volunteerId,
              now.enrolled(),
              now.homeNodeId(),
              now.birthDate(),
              now.accountType(),
              known.creditsPosted()));
    }
  }
}
