;;; driver.el --- drives blog-lsp through eglot in a batch Emacs  -*- lexical-binding: t; -*-

;; Run by tests/editors/test_emacs.py:
;;
;;   emacs --batch --no-init-file -l driver.el CONFIG.json
;;
;; CONFIG names the vault, the plugin file, the server command and where to write the results.
;; The plugin is loaded and hooked as the README says; what a writer does is done here (open a
;; note, complete, ask for code actions, jump to a definition, make a draft), and what Emacs
;; then shows is written as JSON. The assertions are in the Python test. There is no command
;; loop in batch mode: where Emacs would run a hook or a timer after a command, it is run here.

;;; Code:

(require 'json)
(require 'cl-lib)
(require 'subr-x)

(defvar driver-config (json-read-file (car command-line-args-left)))
(setq command-line-args-left nil)
(defvar driver-results nil)
(defvar driver-vault (file-name-as-directory (alist-get 'vault driver-config)))

(defun driver-set (key value)
  (setq driver-results (cons (cons key value) driver-results)))

(defun driver-write ()
  (with-temp-file (alist-get 'results driver-config)
    (insert (json-encode driver-results))))

(defun driver-wait (what predicate &optional seconds)
  "Let Emacs read the server's messages until PREDICATE holds; fail after SECONDS."
  (let ((deadline (+ (float-time) (or seconds 20))) value)
    (while (and (not (setq value (funcall predicate))) (< (float-time) deadline))
      (accept-process-output nil 0.05))
    (or value (error "Timed out waiting for %s" what))))

(defun driver-after-command ()
  "What the command loop does after each command: eglot-ensure connects there, and
changes are sent to the server (on an idle timer, in an interactive Emacs)."
  (run-hooks 'post-command-hook)
  (when (bound-and-true-p eglot--managed-mode)
    (eglot--signal-textDocument/didChange)))

(defun driver-open (relative)
  "Visit a note of the vault as a writer does, and wait for blog-lsp to manage it."
  (find-file (expand-file-name relative driver-vault))
  (driver-after-command)
  (driver-wait (format "eglot in %s" relative) (lambda () (bound-and-true-p eglot--managed-mode)) 60)
  (flymake-start)
  (current-buffer))

(defun driver-write-note (relative text)
  (let ((path (expand-file-name relative driver-vault)))
    (make-directory (file-name-directory path) t)
    (with-temp-file path (insert text))))

(defun driver-diagnostics ()
  (mapcar (lambda (diag)
            (let ((beg (flymake-diagnostic-beg diag)) (end (flymake-diagnostic-end diag)))
              `((line . ,(1- (line-number-at-pos beg)))
                ;; In characters (current-column counts the emoji's two display columns).
                (column . ,(- beg (save-excursion (goto-char beg) (line-beginning-position))))
                (text . ,(buffer-substring-no-properties beg end))
                (type . ,(symbol-name (flymake-diagnostic-type diag)))
                (message . ,(flymake-diagnostic-text diag)))))
          (flymake-diagnostics)))

(defun driver-wait-for-diagnostic (pattern)
  (driver-wait (format "a diagnostic matching %s" pattern)
               (lambda ()
                 (flymake-start)
                 (cl-some (lambda (diag) (string-match-p pattern (flymake-diagnostic-text diag)))
                          (flymake-diagnostics)))
               30))

(defun driver-line ()
  (buffer-substring-no-properties (line-beginning-position) (line-end-position)))

(defun driver-code-action-titles ()
  "The titles eglot offers for `M-x eglot-code-actions' here, as the writer would see them."
  (let (offered)
    (cl-letf (((symbol-function 'eglot--read-execute-code-action)
               (lambda (actions _server &optional _kind)
                 (setq offered (mapcar (lambda (action) (plist-get action :title)) actions)))))
      (call-interactively #'eglot-code-actions))
    offered))

(defun driver-choose-code-action (title)
  "Run `M-x eglot-code-actions' and pick TITLE from its menu."
  (cl-letf (((symbol-function 'x-popup-menu)
             (lambda (_position menu)
               (cdr (assoc title (cdr (cadr menu))))))
            ((symbol-function 'completing-read)
             (lambda (&rest _) title)))
    (call-interactively #'eglot-code-actions)))

(defun driver-scenarios ()
  ;; An interactive Emacs activates the installed packages at startup; batch mode does not.
  (package-activate-all)
  (setq blog-lsp-command (append (alist-get 'cmd driver-config) nil))
  (load (alist-get 'plugin driver-config) nil t)
  ;; The README's line.
  (add-hook 'markdown-mode-hook #'blog-lsp-ensure)
  (transient-mark-mode 1)

  ;; A Markdown file outside any vault: blog-lsp stays out of it.
  (find-file (alist-get 'outside driver-config))
  (driver-after-command)
  (accept-process-output nil 1)
  (driver-set 'outside_mode (symbol-name major-mode))
  (driver-set 'outside_managed (if (bound-and-true-p eglot--managed-mode) t :json-false))

  ;; 1: diagnostics, on a line with an emoji.
  (driver-write-note "Notes/Emoji.md" "# Emoji\n\nMood \U0001F600 and color here.\n")
  (driver-open "Notes/Emoji.md")
  (driver-wait-for-diagnostic "colour")
  (driver-set 'position_encoding
              (or (plist-get (eglot--capabilities (eglot-current-server)) :positionEncoding)
                  "utf-16"))
  (driver-set 'diagnostics (vconcat (driver-diagnostics)))

  ;; 2: a quick fix. Point on the word, no region: the spelling fix, and no "new draft
  ;; from the selection" for a selection the writer never made.
  (goto-char (point-min))
  (search-forward "color")
  (backward-char 2)
  (driver-set 'actions_without_region (vconcat (driver-code-action-titles)))
  (driver-choose-code-action "Change to 'colour'")
  (driver-set 'after_quick_fix (driver-line))
  ;; With a region, the draft is offered.
  (goto-char (point-min))
  (search-forward "Mood")
  (push-mark (match-beginning 0) t t)
  (driver-set 'actions_with_region (vconcat (driver-code-action-titles)))
  (deactivate-mark)

  ;; 3: [[ completion, with completion-at-point.
  (driver-write-note "Notes/Typing.md" "# Typing\n\n")
  (driver-open "Notes/Typing.md")
  (driver-wait "the vault's index"
               (lambda ()
                 (let ((status (jsonrpc-request (eglot-current-server) :workspace/executeCommand
                                                '(:command "blog-lsp.status" :arguments [(:settle t)]))))
                   (cl-every (lambda (vault) (eq (plist-get vault :complete) t))
                             (plist-get status :vaults))))
               60)
  (goto-char (point-max))
  (insert "See [[Atten")
  (driver-after-command)
  (let ((capf (eglot-completion-at-point)))
    (driver-set 'candidates
                (vconcat (all-completions (buffer-substring-no-properties (nth 0 capf) (nth 1 capf))
                                          (nth 2 capf)))))
  (completion-at-point)
  (driver-after-command)
  (driver-set 'after_completion (driver-line))

  ;; 4: go to definition (M-.) of a link to a heading.
  (driver-write-note "Notes/Reading.md" "# Reading\n\nSee [[Transformers#Decoder-only models]] next.\n")
  (driver-open "Notes/Reading.md")
  (goto-char (point-min))
  (search-forward "[[Transfo")
  (call-interactively #'xref-find-definitions)
  (driver-set 'definition `((file . ,(file-relative-name buffer-file-name driver-vault))
                            (line . ,(driver-line))))

  ;; 5: a new draft, then the same title, then a nearly identical one.
  (driver-open "Notes/Reading.md")
  (blog-lsp-new-draft "My Emacs Post")
  (driver-set 'new_draft `((file . ,(file-relative-name buffer-file-name driver-vault))
                           (first_line . ,(save-excursion (goto-char (point-min)) (driver-line)))))
  (driver-set 'refusals
              (vconcat
               (mapcar (lambda (title)
                         (condition-case error (progn (blog-lsp-new-draft title) "created")
                           (user-error (error-message-string error))))
                       '("My Emacs Post" "My Emacs Posts")))))

(condition-case error
    (driver-scenarios)
  (error (driver-set 'error (error-message-string error))))
(driver-write)
(kill-emacs 0)

;;; driver.el ends here
