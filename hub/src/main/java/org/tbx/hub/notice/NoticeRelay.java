package org.tbx.hub.notice;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TopicExistsException;
import org.tbx.hub.kafka.KafkaClients;
import org.tbx.protocol.BatchCodec;
import org.tbx.protocol.Topics;
import org.tbx.protocol.v1.HubNotice;
import org.tbx.protocol.v1.NoticeBatch;

/**
 * Moves the notice outbox to the banks: seals each bank's waiting notices into a signed batch chained to
 * its previous one (stored, so a retry sends the same bytes; the sealed outbox rows are deleted in the
 * same transaction), then publishes unpublished batches in order
 * to {@code tbx.node.<nodeId>.in} and marks them once Kafka acknowledged them.
 */
@ApplicationScoped
public class NoticeRelay {

  private static final int NOTICES_PER_BATCH = 500;
  private static final int BATCHES_PER_TURN = 200;

  private final DataSource dataSource;
  private final HubKeys keys;
  private final Producer<String, byte[]> producer;
  private final KafkaClients clients;
  private final Set<String> topicsReady = new HashSet<>();

  NoticeRelay(DataSource dataSource, HubKeys keys, Producer<String, byte[]> producer, KafkaClients clients) {
    this.dataSource = dataSource;
    this.keys = keys;
    this.producer = producer;
    this.clients = clients;
  }

  private volatile boolean stopping;

  void onStop(@Observes ShutdownEvent event) {
    stopping = true;
  }

  @Scheduled(every = "${tbx.hub.notice-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void relay() {
    if (stopping) {
      return;
    }
    try {
      while (QuarkusTransaction.requiringNew().call(this::sealWaiting) > 0) {
        // seal until nothing waits; each turn seals at most one batch per bank
      }
      publishSealed();
    } catch (RuntimeException e) {
      Log.error("the notice relay failed; it retries on its next turn", e);
    }
  }

  /** @return how many notices were sealed */
  private int sealWaiting() throws SQLException {
    int sealed = 0;
    try (Connection c = dataSource.getConnection()) {
      List<String> nodes = new ArrayList<>();
      // The banks with waiting notices, by a skip scan of the (node_id, id) index: one probe per bank.
      try (PreparedStatement ps = c.prepareStatement(
          "with recursive n as (select min(node_id) as node_id from notice_outbox union all "
              + "select (select min(node_id) from notice_outbox where node_id > n.node_id) from n where n.node_id is not null) "
              + "select node_id from n where node_id is not null limit 100");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          nodes.add(rs.getString(1));
        }
      }
      for (String node : nodes) {
        sealed += seal(c, node);
      }
    }
    return sealed;
  }

  private int seal(Connection c, String node) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("insert into notice_stream (node_id) values (?) on conflict do nothing")) {
      ps.setString(1, node);
      ps.executeUpdate();
    }
    long lastSequence;
    byte[] lastHash;
    try (PreparedStatement ps = c.prepareStatement(
        "select last_sequence, last_batch_hash from notice_stream where node_id = ? for update")) {
      ps.setString(1, node);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        lastSequence = rs.getLong(1);
        lastHash = rs.getBytes(2);
      }
    }
    List<Long> ids = new ArrayList<>();
    List<HubNotice> notices = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(
        "select id, notice from notice_outbox where node_id = ? order by id limit ?")) {
      ps.setString(1, node);
      ps.setInt(2, NOTICES_PER_BATCH);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getLong(1));
          notices.add(BatchCodec.decodeNotice(rs.getBytes(2)));
        }
      }
    }
    if (ids.isEmpty()) {
      return 0;
    }
    long first = lastSequence + 1;
    long last = lastSequence + ids.size();
    HubKeys.SigningKey key = keys.current();
    BatchCodec.Sealed sealed = BatchCodec.sealNotices(
        new NoticeBatch(node, first, BatchCodec.sha256(lastHash), notices), key.privateKey(), key.keyId());
    try (PreparedStatement ps = c.prepareStatement(
        "insert into notice_batch (node_id, first_sequence, last_sequence, batch_hash, payload) values (?, ?, ?, ?, ?)")) {
      ps.setString(1, node);
      ps.setLong(2, first);
      ps.setLong(3, last);
      ps.setBytes(4, sealed.batchHash());
      ps.setBytes(5, sealed.value());
      ps.executeUpdate();
    }
    try (PreparedStatement ps = c.prepareStatement("delete from notice_outbox where id = any(?)")) {
      ps.setArray(1, c.createArrayOf("bigint", ids.toArray()));
      ps.executeUpdate();
    }
    try (PreparedStatement ps = c.prepareStatement(
        "update notice_stream set last_sequence = ?, last_batch_hash = ? where node_id = ?")) {
      ps.setLong(1, last);
      ps.setBytes(2, sealed.batchHash());
      ps.setString(3, node);
      ps.executeUpdate();
    }
    return ids.size();
  }

  private record Sealed(long id, String node, byte[] payload) {}

  private void publishSealed() {
    List<Sealed> pending = QuarkusTransaction.requiringNew().call(() -> {
      List<Sealed> out = new ArrayList<>();
      try (Connection c = dataSource.getConnection();
          PreparedStatement ps = c.prepareStatement(
              "select id, node_id, payload from notice_batch where published_at is null order by id limit " + BATCHES_PER_TURN);
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new Sealed(rs.getLong(1), rs.getString(2), rs.getBytes(3)));
        }
      }
      return out;
    });
    if (pending.isEmpty()) {
      return;
    }
    List<Future<RecordMetadata>> sends = new ArrayList<>();
    for (Sealed batch : pending) {
      ensureTopic(Topics.nodeIn(batch.node()));
      sends.add(producer.send(new ProducerRecord<>(Topics.nodeIn(batch.node()), batch.node(), batch.payload())));
    }
    List<long[]> acknowledged = new ArrayList<>();
    for (int i = 0; i < sends.size(); i++) {
      Optional<RecordMetadata> ack = await(sends.get(i));
      if (ack.isEmpty()) {
        break;
      }
      acknowledged.add(new long[] {pending.get(i).id(), ack.get().offset()});
    }
    if (acknowledged.isEmpty()) {
      return;
    }
    QuarkusTransaction.requiringNew().run(() -> {
      try (Connection c = dataSource.getConnection();
          PreparedStatement ps = c.prepareStatement(
              "update notice_batch set published_at = now(), kafka_offset = ? where id = ?")) {
        for (long[] ack : acknowledged) {
          ps.setLong(1, ack[1]);
          ps.setLong(2, ack[0]);
          ps.addBatch();
        }
        ps.executeBatch();
      } catch (SQLException e) {
        throw new IllegalStateException("marking notice batches published failed", e);
      }
    });
  }

  private Optional<RecordMetadata> await(Future<RecordMetadata> send) {
    try {
      return Optional.of(send.get(60, TimeUnit.SECONDS));
    } catch (ExecutionException | TimeoutException e) {
      Log.warnf("a notice batch was not acknowledged (%s); it is retried", e.toString());
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  private void ensureTopic(String topic) {
    if (topicsReady.contains(topic)) {
      return;
    }
    try (Admin admin = clients.admin()) {
      admin.createTopics(List.of(new NewTopic(topic, Optional.empty(), Optional.empty()))).all().get(15, TimeUnit.SECONDS);
      topicsReady.add(topic);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof TopicExistsException) {
        topicsReady.add(topic);
      } else {
        Log.warnf("could not create topic %s (%s); publishing anyway", topic, e.getCause().toString());
      }
    } catch (TimeoutException e) {
      Log.warnf("Kafka did not answer while creating topic %s; publishing anyway", topic);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
