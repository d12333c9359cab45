// React as an ES module with named exports, for the renderer bundle only: vite.config.mts points
// the bare specifier 'react' here. React ships CommonJS, and the bundler gives every one of the
// ~600 modules importing it (antd's among them) its own interop copy, a getter per export: about
// 40 ms of the window's start and a getter call on every React.* use while rendering. Imported
// once here, every module reads these bindings directly. The list is React 19's exports; a
// missing name fails the build (tests/unit/react-shim.test.ts compares it with React's own).
import React from '../../node_modules/react/index.js';

export default React;
export const {
  Activity,
  Children,
  Component,
  Fragment,
  Profiler,
  PureComponent,
  StrictMode,
  Suspense,
  ViewTransition,
  __CLIENT_INTERNALS_DO_NOT_USE_OR_WARN_USERS_THEY_CANNOT_UPGRADE,
  __COMPILER_RUNTIME,
  addTransitionType,
  cache,
  cacheSignal,
  cloneElement,
  createContext,
  createElement,
  createRef,
  forwardRef,
  isValidElement,
  lazy,
  memo,
  startTransition,
  unstable_useCacheRefresh,
  use,
  useActionState,
  useCallback,
  useContext,
  useDebugValue,
  useDeferredValue,
  useEffect,
  useEffectEvent,
  useId,
  useImperativeHandle,
  useInsertionEffect,
  useLayoutEffect,
  useMemo,
  useOptimistic,
  useReducer,
  useRef,
  useState,
  useSyncExternalStore,
  useTransition,
  version,
} = React;
