package org.tbx.hub.volunteer;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Volunteers' facts read once per poll, and the minutes deposits credited since they were read, so
 * the lifetime cap counts deposits earlier in the same poll. Handlers reach it through the unit of
 * work.
 */
public final class VolunteerFacts {

  private final VolunteerRepository repository;
  private final Map<String, VolunteerRepository.Facts> facts = new HashMap<>();
  private final Map<String, Long> creditedSince = new HashMap<>();
  private final Map<String, Map<String, VolunteerRepository.Role>> enrollments = new HashMap<>();
  private final Map<String, Optional<byte[]>> consentKeys = new HashMap<>();

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
   * Reads, in one query each, what debits of these volunteers need besides their facts: where they
   * are enrolled and their consent keys.
   */
  public void prefetchDebits(Collection<String> volunteerIds) {
    prefetch(volunteerIds);
    List<String> missing =
        volunteerIds.stream().filter(v -> !enrollments.containsKey(v)).distinct().toList();
    if (!missing.isEmpty()) {
      Map<String, Map<String, VolunteerRepository.Role>> found = repository.enrollments(missing);
      Map<String, byte[]> keys = repository.consentKeys(missing);
      for (String v : missing) {
        enrollments.put(v, found.getOrDefault(v, Map.of()));
        consentKeys.put(v, Optional.ofNullable(keys.get(v)));
      }
    }
  }

  /**
   * @return the volunteer's enrollment at the bank, if any
   */
  public Optional<VolunteerRepository.Role> enrollment(String volunteerId, String nodeId) {
    prefetchDebits(List.of(volunteerId));
    return Optional.ofNullable(enrollments.get(volunteerId).get(nodeId));
  }

  /**
   * @return the public half of the volunteer's consent key, if their home bank registered one
   */
  public Optional<byte[]> consentKey(String volunteerId) {
    prefetchDebits(List.of(volunteerId));
    return consentKeys.get(volunteerId);
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

  /**
   * Reads a volunteer's enrollment (and consent key) again after it changed; the credits counted so
   * far stay.
   */
  void changed(String volunteerId) {
    enrollments.remove(volunteerId);
    consentKeys.remove(volunteerId);
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
