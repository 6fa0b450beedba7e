// The video call of a consultation, for the patient and the doctor alike: the camera and microphone
// (getUserMedia), one RTCPeerConnection with the ICE servers of GET /v1/consultations/{id}/room, and signaling
// over the WebSocket /v1/consultations/{id}/signal (docs/api/consultations.md).
//
// Negotiation is "perfect negotiation" (W3C WebRTC example): both sides may offer; when offers cross, the polite
// side (the patient) rolls back and answers, the impolite one (the doctor) ignores the other's offer. Each
// `peer-joined` starts a fresh connection: the doctor's side offers, the patient's side answers on a new one, so it
// does not matter who joins first or who rejoins.
// Signaling messages are handled one at a time, in arrival order (each may await the browser).
import { useCallback, useEffect, useRef, useState } from 'react';
import { currentAccessToken, toProblem } from '../api';
import { isPolite, mergeChat, rtcIceServers, sdpFingerprint, signalSocketUrl, type ChatMessage, type Room } from '../consultations';
import { getChat, getRoom } from '../consultationsApi';

export type CallPhase = 'preparing' | 'not-started' | 'waiting' | 'connecting' | 'connected' | 'reconnecting' | 'ended' | 'left' | 'failed';

interface Signal {
  type: string;
  role?: string;
  from?: string;
  data?: unknown;
  id?: string;
  text?: string;
  at?: string;
  detail?: string;
}

interface State {
  room: Room | null;
  ws: WebSocket | null;
  pc: RTCPeerConnection | null;
  local: MediaStream | null;
  polite: boolean;
  makingOffer: boolean;
  ignoreOffer: boolean;
  queue: Promise<void>;
  done: boolean;
  reconnects: number;
  timer: number | undefined;
  /** The socket said `joined` at least once: a later 409 from the room means the consultation is over. */
  joinedOnce: boolean;
  /** When the server last sent `error`: one right before the socket closes is a refusal (or another window took
   * over the call), and reconnecting would only fight it. */
  errorAt: number;
  watchdog: number | undefined;
}

const MAX_RECONNECTS = 5;

export function useCall(bookingId: string) {
  const [phase, setPhase] = useState<CallPhase>('preparing');
  const [role, setRole] = useState<string | null>(null);
  const [local, setLocal] = useState<MediaStream | null>(null);
  const [remote, setRemote] = useState<MediaStream | null>(null);
  const [chat, setChat] = useState<ChatMessage[]>([]);
  const [micOn, setMicOn] = useState(true);
  const [camOn, setCamOn] = useState(true);
  const [message, setMessage] = useState<string | null>(null);
  const [mediaWarning, setMediaWarning] = useState<string | null>(null);
  const s = useRef<State | null>(null);

  useEffect(() => {
    const st: State = {
      room: null,
      ws: null,
      pc: null,
      local: null,
      polite: true,
      makingOffer: false,
      ignoreOffer: false,
      queue: Promise.resolve(),
      done: false,
      reconnects: 0,
      timer: undefined,
      joinedOnce: false,
      errorAt: 0,
      watchdog: undefined,
    };
    s.current = st;

    const send = (msg: object) => {
      if (st.ws?.readyState === WebSocket.OPEN) st.ws.send(JSON.stringify(msg));
    };

    const closePc = () => {
      window.clearTimeout(st.watchdog);
      if (st.pc) {
        st.pc.onicecandidate = null;
        st.pc.ontrack = null;
        st.pc.onnegotiationneeded = null;
        st.pc.onconnectionstatechange = null;
        st.pc.close();
      }
      st.pc = null;
      setRemote(null);
    };

    const stopAll = () => {
      st.done = true;
      window.clearTimeout(st.timer);
      closePc();
      if (st.ws) {
        st.ws.onclose = null;
        st.ws.onmessage = null;
        st.ws.close(1000);
      }
      st.ws = null;
      st.local?.getTracks().forEach((t) => t.stop());
    };

    const newPc = () => {
      closePc();
      const pc = new RTCPeerConnection({ iceServers: rtcIceServers(st.room?.ice_servers) as RTCIceServer[] });
      st.pc = pc;
      st.makingOffer = false;
      st.ignoreOffer = false;
      const incoming = new MediaStream();
      pc.ontrack = ({ track, streams }) => {
        const stream = streams[0];
        if (stream) setRemote(stream);
        else {
          incoming.addTrack(track);
          setRemote(new MediaStream(incoming.getTracks()));
        }
      };
      pc.onicecandidate = ({ candidate }) => {
        if (candidate) send({ type: 'ice', data: candidate.toJSON() });
      };
      pc.onnegotiationneeded = async () => {
        try {
          st.makingOffer = true;
          await pc.setLocalDescription();
          if (pc.localDescription) send({ type: 'offer', data: pc.localDescription.toJSON() });
        } catch (err) {
          console.warn('offer failed', err);
        } finally {
          st.makingOffer = false;
        }
      };
      pc.onconnectionstatechange = () => {
        if (st.pc !== pc) return;
        if (pc.connectionState === 'connected') setPhase('connected');
        else if (pc.connectionState === 'failed') pc.restartIce();
      };
      // A connection that does not come up (a lost message, a stuck negotiation): the doctor's side starts a new
      // one, whose offer the patient's side answers (on a new connection too when it must).
      if (!st.polite) {
        st.watchdog = window.setTimeout(() => {
          if (st.pc === pc && !st.done && st.ws && pc.connectionState !== 'connected') {
            console.warn('no connection after 15 s; negotiating again');
            newPc();
          }
        }, 15_000);
      }
      const tracks = st.local?.getTracks() ?? [];
      for (const t of tracks) pc.addTrack(t, st.local!);
      // Without a camera or microphone, still ask to receive the other side's.
      if (!tracks.some((t) => t.kind === 'video')) pc.addTransceiver('video', { direction: 'recvonly' });
      if (!tracks.some((t) => t.kind === 'audio')) pc.addTransceiver('audio', { direction: 'recvonly' });
      return pc;
    };

    const onDescription = async (desc: RTCSessionDescriptionInit) => {
      let pc = st.pc ?? newPc();
      const known = sdpFingerprint(pc.remoteDescription?.sdp);
      if (desc.type === 'offer' && known && known !== sdpFingerprint(desc.sdp)) pc = newPc();
      const collision = desc.type === 'offer' && (st.makingOffer || pc.signalingState !== 'stable');
      st.ignoreOffer = !st.polite && collision;
      if (st.ignoreOffer) return;
      try {
        await pc.setRemoteDescription(desc); // rolls our own offer back when polite
      } catch (err) {
        // An offer this connection cannot take (the other side started afresh): answer it on a new one.
        if (desc.type !== 'offer') throw err;
        console.warn('offer refused, starting a new connection', err);
        pc = newPc();
        await pc.setRemoteDescription(desc);
      }
      if (desc.type === 'offer') {
        await pc.setLocalDescription();
        if (pc.localDescription) send({ type: 'answer', data: pc.localDescription.toJSON() });
      }
    };

    const handle = async (m: Signal) => {
      switch (m.type) {
        case 'joined':
          st.reconnects = 0;
          st.joinedOnce = true;
          setRole(m.role ?? null);
          st.polite = isPolite(m.role ?? 'patient');
          setPhase((p) => (p === 'connected' ? p : 'waiting'));
          break;
        case 'peer-joined':
          setMessage(null);
          setPhase('connecting');
          // The other side's connection is new: the doctor's side offers on a new one; the patient's side makes its
          // new one when that offer arrives. (Offers crossing at the start make Chrome roll back while it gathers
          // candidates, and then it may send none for its answer.)
          if (st.polite) closePc();
          else newPc();
          break;
        case 'peer-left':
          closePc();
          setPhase('waiting');
          setMessage(m.role === 'doctor' ? 'The doctor left the call.' : 'The patient left the call.');
          break;
        case 'offer':
        case 'answer':
          if (m.data && typeof m.data === 'object') await onDescription(m.data as RTCSessionDescriptionInit);
          break;
        case 'ice':
          if (st.pc && m.data) {
            try {
              await st.pc.addIceCandidate(m.data as RTCIceCandidateInit);
            } catch (err) {
              if (!st.ignoreOffer) console.warn('ice candidate refused', err);
            }
          }
          break;
        case 'chat':
          if (m.id && typeof m.text === 'string') {
            setChat((c) => mergeChat(c, [{ id: m.id!, from: m.from ?? '', text: m.text!, at: m.at ?? new Date().toISOString() }]));
          }
          break;
        case 'ended':
          stopAll();
          setPhase('ended');
          break;
        case 'error':
          st.errorAt = Date.now();
          setMessage(m.detail ?? 'The call server refused a message.');
          break;
      }
    };

    const connect = () => {
      const token = currentAccessToken();
      if (!st.room || !token || st.done) return;
      const ws = new WebSocket(signalSocketUrl(window.location.href, st.room.signal_url, token));
      st.ws = ws;
      ws.onmessage = (ev) => {
        let m: Signal;
        try {
          m = JSON.parse(String(ev.data)) as Signal;
        } catch {
          return;
        }
        if (m.type === 'error') st.errorAt = Date.now(); // now, not when the queue gets to it: onclose may come first
        st.queue = st.queue.then(() => handle(m)).catch((err) => console.warn('signal handling failed', err));
      };
      ws.onclose = () => {
        if (st.done || st.ws !== ws) return;
        st.ws = null;
        closePc();
        if (Date.now() - st.errorAt < 2000) {
          stopAll();
          setPhase('failed');
          return;
        }
        if (st.reconnects >= MAX_RECONNECTS) {
          setPhase('failed');
          setMessage('The connection to the call was lost. Please try again.');
          return;
        }
        st.reconnects += 1;
        setPhase('reconnecting');
        st.timer = window.setTimeout(() => void open(), 1000 * st.reconnects);
      };
    };

    // Reads the room (which also refreshes an expired session) and opens the socket.
    const open = async () => {
      try {
        st.room = await getRoom(bookingId);
      } catch (err) {
        if (st.done) return;
        const p = toProblem(err);
        // 409 `not-in-progress`: the consultation is over (also for a page opened after the end, which never
        // joined); `not-started` (or a 409 right after having joined) is told apart by the problem type.
        const over = p.status === 409 && (st.joinedOnce || (p.type ?? '').endsWith('not-in-progress'));
        if (over) {
          stopAll();
          setPhase('ended');
        } else if (p.status === 409) {
          // Not started yet: the doctor starts the call; look again in a while.
          setPhase('not-started');
          st.timer = window.setTimeout(() => void open(), 10_000);
        } else {
          setPhase('failed');
          setMessage(p.detail ?? p.title);
        }
        return;
      }
      if (!st.done) connect();
    };

    (async () => {
      try {
        st.local = await navigator.mediaDevices.getUserMedia({ video: true, audio: true });
      } catch {
        try {
          st.local = await navigator.mediaDevices.getUserMedia({ video: false, audio: true });
          setMediaWarning('We could not use your camera; the other side will hear you only.');
        } catch {
          st.local = null;
          setMediaWarning('We could not use your camera or microphone. You can still see and hear the other side, and chat.');
        }
      }
      if (st.done) {
        st.local?.getTracks().forEach((t) => t.stop());
        return;
      }
      setLocal(st.local);
      getChat(bookingId)
        .then((items) => !st.done && setChat((c) => mergeChat(c, items)))
        .catch(() => undefined);
      await open();
    })();

    return stopAll;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [bookingId]);

  const sendChat = useCallback((text: string): boolean => {
    const ws = s.current?.ws;
    if (!ws || ws.readyState !== WebSocket.OPEN) return false;
    ws.send(JSON.stringify({ type: 'chat', text }));
    return true;
  }, []);

  const toggleMic = useCallback(() => {
    const next = !micOn;
    s.current?.local?.getAudioTracks().forEach((t) => (t.enabled = next));
    setMicOn(next);
  }, [micOn]);

  const toggleCam = useCallback(() => {
    const next = !camOn;
    s.current?.local?.getVideoTracks().forEach((t) => (t.enabled = next));
    setCamOn(next);
  }, [camOn]);

  /** Leaves the call (the other side is told by the server when the socket closes). */
  const leave = useCallback(() => {
    const st = s.current;
    if (!st) return;
    st.done = true;
    window.clearTimeout(st.timer);
    st.pc?.close();
    st.pc = null;
    if (st.ws) {
      st.ws.onclose = null;
      st.ws.close(1000);
    }
    st.local?.getTracks().forEach((t) => t.stop());
    setRemote(null);
    setPhase('left');
  }, []);

  /** After the doctor ended the consultation through the API. */
  const markEnded = useCallback(() => {
    leave();
    setPhase('ended');
  }, [leave]);

  return { phase, role, local, remote, chat, micOn, camOn, message, mediaWarning, sendChat, toggleMic, toggleCam, leave, markEnded };
}
